"""The reason a field was refused, shown in red under it; hidden while there is none."""

from __future__ import annotations

from textual.widgets import Static


class FieldError(Static):
    """One field's refusal reason: `show(text)` shows it, `show("")` hides it."""

    DEFAULT_CSS = """
    FieldError { color: $text-error; height: auto; display: none; }
    FieldError.-shown { display: block; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, markup=False)

    def show(self, text: str) -> None:
        """Show `text` under the field, or hide the line when `text` is empty."""
        self.update(text)
        self.set_class(bool(text), "-shown")
