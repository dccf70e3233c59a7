"""The footer of the officer's screens: whole keys only, F1 always among them.

Textual's footer cuts the last key in half when the line is full ("F1 Trợ"). This one
leaves out, from the end, the keys that do not fit the width (they all still work; F1
lists every key of the screen) and always keeps F1, so the rest stays discoverable.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Footer, Label
from textual.widgets._footer import FooterKey

_KEY_WIDTHS: dict[tuple, int] = {}
"""Content widths of footer keys already measured: the footer is rebuilt on every focus
change and screen switch, and measuring renders each key (start-up pays it ~15 times)."""

KEEP_KEY = "f1"
"""Shown whatever the width: the help that lists every key."""


class KeyFooter(Footer):
    """A compact footer that shows as many whole keys as fit, F1 always."""

    DEFAULT_CSS = """
    KeyFooter.-compact KeyGroup.-compact { padding-left: 0; margin: 0; }
    KeyFooter.-compact KeyGroup.-compact FooterKey.-grouped { margin: 0 1 0 0; }
    KeyFooter.-compact FooterLabel { margin: 0 1 0 0; }
    """

    def __init__(self) -> None:
        super().__init__(compact=True)

    async def recompose(self) -> None:
        """Rebuild the keys (the bindings changed) and fit them before they are painted."""
        await super().recompose()
        self.fit()

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

    def fit(self) -> None:
        """Show the entries that fit, in order, after keeping room for F1 and Ctrl+P."""
        items = self._items()
        if not items or not self.size.width:  # nothing yet, or not laid out: on_resize
            return
        widths = [sum(_width(w) for w in item) for item in items]
        palette = [c for c in self.children if c.has_class("-command-palette")]
        room = self.size.width - sum(_width(c) for c in palette)
        keep = [any(_is_kept(w) for w in item) for item in items]
        room -= sum(w for w, k in zip(widths, keep, strict=True) if k)
        for item, width, kept in zip(items, widths, keep, strict=True):
            shown = kept or width <= room
            if shown and not kept:
                room -= width
            for widget in item:
                widget.display = shown


def _width(widget: Widget) -> int:
    """Cells a key (or a group of keys) takes, from its text and its styles: known as soon
    as it is mounted, before any layout."""
    if widget.children:
        inner = sum(_width(child) for child in widget.children)
    elif isinstance(widget, FooterKey):
        cache_key = (widget.key, widget.key_display, widget.description, widget.compact)
        inner = _KEY_WIDTHS.get(cache_key, -1)
        if inner < 0:
            inner = _KEY_WIDTHS[cache_key] = widget.get_content_width(Size(0, 0), Size(0, 0))
    else:
        inner = widget.get_content_width(Size(0, 0), Size(0, 0))
    return inner + widget.styles.gutter.width + widget.styles.margin.width


def _is_kept(widget: Widget) -> bool:
    key = getattr(widget, "key", "")  # a footer key (textual's FooterKey) knows its key
    return isinstance(key, str) and key.split(",")[0] == KEEP_KEY
