"""Radio buttons and check boxes whose state reads right without colour: "(•)"/"( )", "[x]"/"[ ]".

Textual draws both states of a toggle as the same block (`▐●▌`, `▐X▌`) and tells them
apart by colour only, which a 16-colour console or a washed-out screen loses.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import Checkbox, RadioButton, RadioSet

TOGGLE_CSS = """
&.-marked > .toggle--button { color: $foreground; background: transparent; text-style: bold; }
&.-marked.-on > .toggle--button { color: $text-success; }
&.-marked:ansi > .toggle--button { color: ansi_default; background: ansi_default; }
"""
"""The marker in the text colour (Textual's own rules, more specific inside a RadioSet,
would draw it dark on dark: hence the extra `-marked` class)."""


class MarkedRadioButton(RadioButton):
    """A radio button drawn as "(•) label" when chosen and "( ) label" otherwise."""

    DEFAULT_CSS = f"RadioSet > MarkedRadioButton, MarkedRadioButton {{ {TOGGLE_CSS} }}"

    def on_mount(self) -> None:
        self.add_class("-marked")

    @property
    def _button(self) -> Content:
        return Content.styled(
            "(•)" if self.value else "( )", self.get_visual_style("toggle--button")
        )


class MarkedCheckbox(Checkbox):
    """A check box drawn as "[x] label" when ticked and "[ ] label" otherwise."""

    DEFAULT_CSS = f"MarkedCheckbox {{ {TOGGLE_CSS} }}"

    def on_mount(self) -> None:
        self.add_class("-marked")

    @property
    def _button(self) -> Content:
        return Content.styled(
            "[x]" if self.value else "[ ]", self.get_visual_style("toggle--button")
        )


class GridRadioSet(RadioSet):
    """A radio set laid out in rows of `columns` buttons; the arrow keys move as it is drawn.

    A printable key that chooses nothing here is not dropped: the set posts `TypedAway`
    with it, and the form moves the cursor to the field it belongs in.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,space", "toggle_button", "Chọn", show=False),
        Binding("right", "move(1)", show=False),
        Binding("left", "move(-1)", show=False),
        Binding("down", "move_row(1)", show=False),
        Binding("up", "move_row(-1)", show=False),
    ]

    class TypedAway(Message):
        """A printable key typed while the set has focus (it belongs in a text field)."""

        def __init__(self, radio_set: GridRadioSet, character: str) -> None:
            super().__init__()
            self.radio_set = radio_set
            self.character = character

        @property
        def control(self) -> GridRadioSet:
            return self.radio_set

    def __init__(self, *buttons: RadioButton, columns: int = 2, id: str | None = None) -> None:
        super().__init__(*buttons, id=id)
        self.columns = columns

    def select_index(self, index: int) -> None:
        """Put the cursor on button `index` (without choosing it)."""
        if 0 <= index < len(self.children):
            self._selected = index

    def action_move(self, step: int) -> None:
        """Left/right: the neighbour in the same row; stays at the row's ends."""
        current = self._selected or 0
        target = current + step
        if target // self.columns == current // self.columns:
            self.select_index(target)

    def action_move_row(self, step: int) -> None:
        """Up/down: the button above or below; stays on the first and last rows."""
        self.select_index((self._selected or 0) + step * self.columns)

    def on_key(self, event: events.Key) -> None:
        if event.is_printable and event.character and event.character != " ":
            event.stop()
            event.prevent_default()
            self.post_message(self.TypedAway(self, event.character))
