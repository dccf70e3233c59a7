"""Numerator and denominator of a plan indicator carried by the task being reported (one
number for a count such as "hồ sơ")."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Static

from cchc_tui.domain.plan import Indicator
from cchc_tui.widgets.field_error import FieldError


def _number(value: str, classes: str) -> Input:
    """A compact box that takes digits only."""
    return Input(value, restrict=r"[0-9]*", compact=True, select_on_focus=False, classes=classes)


class IndicatorInputs(Vertical):
    """The indicator's name, what to count above and below the line, two number boxes."""

    DEFAULT_CSS = """
    IndicatorInputs { height: auto; margin-bottom: 1; }
    IndicatorInputs > Horizontal { height: auto; }
    IndicatorInputs Label { padding: 0 1 0 0; }
    IndicatorInputs Input { width: 14; }
    IndicatorInputs .ind-help { color: $text-muted; }
    """

    def __init__(self, indicator: Indicator, numerator: str = "", denominator: str = "") -> None:
        super().__init__()
        self.indicator = indicator
        self._values = (numerator, denominator)

    def compose(self) -> ComposeResult:
        ind = self.indicator
        yield Static(ind.title, markup=False, classes="ind-title")
        if ind.is_count:
            with Horizontal():
                yield Label(f"Số liệu ({ind.unit})", markup=False)
                yield _number(self._values[0], "ind-num")
            yield FieldError(classes="ind-error")
            return
        yield Static(
            f"Tử số: {ind.numerator}\nMẫu số: {ind.denominator}", markup=False, classes="ind-help"
        )
        with Horizontal():
            yield Label("Tử số")
            yield _number(self._values[0], "ind-num")
            yield Label(" Mẫu số")
            yield _number(self._values[1], "ind-den")
        yield FieldError(classes="ind-error")

    @property
    def values(self) -> tuple[str, str]:
        """(numerator, denominator) as typed; a count has no denominator ("")."""
        dens = list(self.query(".ind-den").results(Input))
        return (self.query_one(".ind-num", Input).value, dens[0].value if dens else "")

    def show_errors(self, numerator: str = "", denominator: str = "") -> None:
        """Show refusal reasons (empty strings clear them)."""
        self.query_one(".ind-num", Input).set_class(bool(numerator), "-invalid")
        for den in self.query(".ind-den").results(Input):
            den.set_class(bool(denominator), "-invalid")
        self.query_one(FieldError).show("\n".join(t for t in (numerator, denominator) if t))

    def first_invalid(self) -> Input | None:
        """The first box marked invalid, for focusing."""
        return next((i for i in self.query(Input) if i.has_class("-invalid")), None)
