"""The footer of the officer's screens: whole keys only, F1 always among them.

Textual's footer cuts the last key in half when the line is full ("F1 Trợ"). This one
leaves out the keys that do not fit the width (they all still work; F1 lists every key of
the screen) and always keeps F1, so the rest stays discoverable. A screen may name the keys
that get room first (`first`); the keys shown stay in the screen's order.
"""

from __future__ import annotations

from collections.abc import Sequence

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

    def __init__(self, first: Sequence[str] = ()) -> None:
        super().__init__(compact=True)
        self.first = tuple(first)
        """Keys given room before the others, in this order (after F1 and Ctrl+P)."""

    async def recompose(self) -> None:
        """Rebuild the keys (the bindings changed) and fit them before they are painted."""
        await super().recompose()
        self.fit()

    def on_mount(self) -> None:
        self.fit()  # keys built at compose (QuietFooter) are fitted before the first frame

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
        """Show the entries that fit after keeping room for F1 and Ctrl+P: the keys of
        `first` get room before the others, then the rest in order."""
        items = self._items()
        width = self.size.width or self.app.size.width  # not laid out yet: spans the screen
        if not items or not width:
            return
        palette = [c for c in self.children if c.has_class("-command-palette")]
        room = width - sum(_width(c) for c in palette)
        ranks = [self._rank(item) for item in items]
        shown = [False] * len(items)
        for i in sorted(range(len(items)), key=ranks.__getitem__):  # stable: in order
            width = sum(_width(w) for w in items[i])
            if ranks[i] == 0 or width <= room:  # F1 whatever the width
                shown[i], room = True, room - width
        for item, show in zip(items, shown, strict=True):
            for widget in item:
                widget.display = show

    def _rank(self, item: list[Widget]) -> int:
        """0 for F1, then 1 + the earliest place in `first` of a key the entry shows, then the rest."""
        keys = {key for widget in item for key in _keys(widget)}
        if KEEP_KEY in keys:
            return 0
        return 1 + min(
            (self.first.index(k) for k in keys if k in self.first), default=len(self.first)
        )


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


def _keys(widget: Widget) -> list[str]:
    """The keys a footer entry shows: a key's own (textual's FooterKey knows it), a group's."""
    if widget.children:
        return [key for child in widget.children for key in _keys(child)]
    key = getattr(widget, "key", "")
    return [key.split(",")[0]] if isinstance(key, str) and key else []
