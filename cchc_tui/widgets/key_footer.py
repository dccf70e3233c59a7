"""The footer of the officer's screens: whole keys only, F1 always among them.

Textual's footer cuts the last key in half when the line is full ("F1 Trợ"). This one
leaves out, from the end, the keys that do not fit the width (they all still work; F1
lists every key of the screen) and always keeps F1, so the rest stays discoverable.
"""

from __future__ import annotations

from textual.widget import Widget
from textual.widgets import Footer, Label

KEEP_KEY = "f1"
"""Shown whatever the width: the help that lists every key."""
MAX_TRIES = 20
"""Refreshes to wait for the keys to be laid out before measuring them."""


class KeyFooter(Footer):
    """A compact footer that shows as many whole keys as fit, F1 always."""

    DEFAULT_CSS = """
    KeyFooter.-compact KeyGroup.-compact { padding-left: 0; margin: 0; }
    KeyFooter.-compact KeyGroup.-compact FooterKey.-grouped { margin: 0 1 0 0; }
    KeyFooter.-compact FooterLabel { margin: 0 1 0 0; }
    """

    def __init__(self) -> None:
        super().__init__(compact=True)
        self._widths: dict[int, int] = {}
        self._tries = 0

    async def recompose(self) -> None:
        """Rebuild the keys (the bindings changed), then fit them once laid out."""
        self._widths = {}
        self._tries = 0
        await super().recompose()
        self.call_after_refresh(self.fit)

    def on_resize(self) -> None:
        self.fit()

    def _items(self) -> list[list[Widget]]:
        """The footer's entries in order, a binding group with its label as one entry."""
        items: list[list[Widget]] = []
        for child in self.children:
            if child.has_class("-command-palette"):
                continue
            if isinstance(child, Label) and items:  # a binding group's description
                items[-1].append(child)
            else:
                items.append([child])
        return items

    def _width(self, widget: Widget) -> int:
        if id(widget) not in self._widths:
            if not widget.display or not widget.outer_size.width:
                return -1  # not laid out yet
            self._widths[id(widget)] = widget.outer_size.width + widget.styles.margin.width
        return self._widths[id(widget)]

    def fit(self) -> None:
        """Show the entries that fit, in order, after keeping room for F1 and Ctrl+P."""
        items = self._items()
        widths = [sum(self._width(w) for w in item) for item in items]
        if not items:
            return
        if any(w < 0 for w in widths):  # some keys not laid out yet: after the next refresh
            self._tries += 1
            if self._tries < MAX_TRIES:
                self.call_after_refresh(self.fit)
            return
        palette = [c for c in self.children if c.has_class("-command-palette")]
        room = self.size.width - sum(self._width(c) for c in palette if c.display)
        keep = [any(_is_kept(w) for w in item) for item in items]
        room -= sum(w for w, k in zip(widths, keep, strict=True) if k)
        for item, width, kept in zip(items, widths, keep, strict=True):
            shown = kept or width <= room
            if shown and not kept:
                room -= width
            for widget in item:
                widget.display = shown


def _is_kept(widget: Widget) -> bool:
    key = getattr(widget, "key", "")  # a footer key (textual's FooterKey) knows its key
    return isinstance(key, str) and key.split(",")[0] == KEEP_KEY
