"""Textual's footer, built with the screen and rebuilt only when the keys it shows change.

Textual's `Footer` starts empty, fills after the first refresh, and then schedules a full
rebuild (every key removed and mounted again) each time the screen's bindings change: on
every focus change, mount and stack update. Opening the office's F7 screen changed them
about six times around the first paint, and each rebuild cost about as much as the frame
itself. This footer has its keys in the first frame, keeps at most one rebuild pending,
and rebuilds only when the keys it would show differ from those it shows (focusing a
table, whose own keys are hidden, changes nothing here). It is a `KeyFooter`: whole keys
that fit the width, F1 always, the screen's `first` keys given room before the rest.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey  # not re-exported; textual is pinned (8.2.8)

from cchc_tui.widgets.key_footer import KeyFooter


class QuietFooter(KeyFooter):
    """A footer whose keys are built once per change of the keys shown."""

    _rebuild_pending = False
    _shown: tuple | None = None
    """The keys on screen: the shown bindings they were built from."""

    def __init__(self, first: Sequence[str] = ()) -> None:
        super().__init__(first)
        self.set_reactive(Footer._bindings_ready, True)  # the bindings are known at compose

    def compose(self) -> ComposeResult:
        self._shown = self._keys()
        for widget in super().compose():
            if isinstance(widget, FooterKey) and not widget.has_class("-command-palette"):
                # bound to the footer's `compact`: start there, not at FooterKey's own
                # default, which styled each key twice more as it mounted
                widget.set_reactive(FooterKey.compact, self.compact)
            yield widget

    def bindings_changed(self, screen: Screen) -> None:
        """Schedule one rebuild after the next refresh, unless one is already scheduled."""
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._rebuild_pending:
            self._rebuild_pending = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._rebuild_pending = False
        if self.is_attached and self._keys() != self._shown:
            await self.recompose()

    def _keys(self) -> tuple:
        """What the footer shows: each shown binding with its state, and the palette key."""
        palette = self.app.COMMAND_PALETTE_BINDING
        return (
            self.show_command_palette,
            *(
                (key, b.binding, b.enabled, b.tooltip)
                for key, b in self.screen.active_bindings.items()
                if b.binding.show or key == palette
            ),
        )
