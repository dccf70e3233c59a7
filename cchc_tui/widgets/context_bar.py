"""The line at the top of every screen: where I am, for whom, which period, how long is left."""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static


@dataclass(frozen=True)
class Context:
    """What the bar shows, prepared by the app from the services."""

    agency: str
    period: str
    deadline: str
    days_left: str | None
    overdue: bool = False
    plan: str = ""
    """The plan's number when the install holds several ("KH 138"), else empty."""


class ContextBar(Static):
    """One line: screen name │ agency │ period · deadline · days left.

    The bar keeps itself current: it asks the app for its `context()` when mounted, when its
    screen comes back on top, and when the app's period or data change.
    """

    def __init__(self, screen_title: str, *, id: str | None = "context") -> None:
        super().__init__(id=id)
        self.screen_title = screen_title

    def on_mount(self) -> None:
        app = self.app
        self.watch(app, "period_id", self.show_context, init=False)
        self.watch(app, "data_version", self.show_context, init=False)
        app.screen_change_signal.subscribe(self, self._screen_changed)
        self.show_context()

    def _screen_changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen:
            self.show_context()

    def show_context(self, *_: object) -> None:
        """Redraw the bar from the app's current context."""
        context: Context = self.app.context()  # type: ignore[attr-defined]
        parts: list[Content | str] = [
            Content.styled(f" {self.screen_title} ", "bold reverse"),
            " ",
            Content.styled(context.agency, "bold"),
            " │ ",
            *([context.plan, " · "] if context.plan else []),
            context.period,
            f" · hạn nộp {context.deadline}",
        ]
        if context.days_left:
            style = "bold $text-error" if context.overdue else "bold $text-warning"
            parts += [" · ", Content.styled(context.days_left, style)]
        self.update(Content.assemble(*parts))
