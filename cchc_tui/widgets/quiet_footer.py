"""Textual's footer, rebuilt once per refresh however often the bindings changed.

Textual's `Footer` schedules a full recompose (every key removed and mounted again) each
time the screen's bindings change: on every focus change, mount and stack update. Opening
the office's F7 screen changes them about six times before and just after the first paint,
and each rebuild costs as much as the frame itself. This footer keeps at most one rebuild
pending; it reads the bindings when it runs, so the keys shown are the same.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class QuietFooter(Footer):
    """A footer whose rebuilds are coalesced: one per refresh at most."""

    _rebuild_pending = False

    def bindings_changed(self, screen: Screen) -> None:
        """Schedule one rebuild after the next refresh, unless one is already scheduled."""
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._rebuild_pending:
            self._rebuild_pending = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._rebuild_pending = False
        await self.recompose()
