"""The line at the top of every screen: where I am, for whom, which period, how long is left."""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content
from textual.widgets import Static


@dataclass(frozen=True)
class Context:
    """What the bar shows, prepared by the app from the services."""

    agency: str
    period: str
    deadline: str
    days_left: str | None
    overdue: bool = False


class ContextBar(Static):
    """One line: screen name │ agency │ period · deadline · days left."""

    def show(self, screen_title: str, context: Context) -> None:
        """Redraw the bar for `screen_title` with `context`."""
        parts: list[Content | str] = [
            Content.styled(f" {screen_title} ", "bold reverse"),
            " ",
            Content.styled(context.agency, "bold"),
            " │ ",
            context.period,
            f" · hạn nộp {context.deadline}",
        ]
        if context.days_left:
            style = "bold $text-error" if context.overdue else "bold $text-warning"
            parts += [" · ", Content.styled(context.days_left, style)]
        self.update(Content.assemble(*parts))
