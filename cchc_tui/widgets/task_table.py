"""The task list table: one row per task, columns fitted to the terminal's width."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from cchc_tui.domain.periods import days_left_text
from cchc_tui.domain.progress import NOT_REPORTED_LABEL, STATUS_LABELS, format_day
from cchc_tui.domain.roles import LEAD, PARTNER, RELATED, role_label
from cchc_tui.domain.safe_text import visible
from cchc_tui.services.tasks import TaskRow

WIDE = 120  # full role labels from this width
MEDIUM = 96  # a timeline column from this width
STATUS_COLORS = {  # theme variables, so the dark and the light theme both read well
    None: "text-error",
    "not_started": "text-warning",
    "in_progress": "text-primary",
    "done": "text-success",
}


def short_roles(row: TaskRow) -> str:
    """Role label that fits a narrow column."""
    roles = set(row.roles)
    if {LEAD, PARTNER} <= roles:
        return "CT+PH"
    if RELATED in roles:
        return "Theo dõi" if row.followed else "Liên quan"
    return role_label(roles)


def fit(text: str, width: int) -> str:
    """`text` cut to `width` cells with an ellipsis; control characters (plan text stored
    before imports refused them) shown as marks, which Textual would drop silently."""
    text = visible(text)
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def day(value: dt.date | None) -> str:
    """dd/mm/yyyy, or a dash."""
    return format_day(value) if value else "—"


class TaskTable(DataTable):
    """Tasks with code, title, my role, deadline, this period's status and progress."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Mở", id="tasks.open"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self._rows: list[TaskRow] = []
        self._layout_width = 0
        self.today: dt.date | None = None
        """Set by the screen: the due column then says "còn N ngày" / "quá hạn N ngày"."""

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)

    def _theme_changed(self, _theme: object) -> None:
        self._rebuild(self.current_code)  # status colours come from the theme

    def show_rows(self, rows: list[TaskRow]) -> None:
        """Replace the table's rows, keeping the cursor on the same task if still shown."""
        current = self.current_code
        self._rows = rows
        if self.size.width:  # before the first layout, on_resize builds it
            self._rebuild(current)

    @property
    def current_code(self) -> str | None:
        """Code of the highlighted task, or None when the table is empty."""
        if not self._rows or self.cursor_row >= len(self._rows) or self.cursor_row < 0:
            return None
        return self._rows[self.cursor_row].code

    @property
    def current_row(self) -> TaskRow | None:
        """The highlighted task's row."""
        code = self.current_code
        return next((r for r in self._rows if r.code == code), None)

    def on_resize(self) -> None:
        if self.size.width != self._layout_width:
            self._rebuild(self.current_code)

    def _columns(self, width: int) -> list[tuple[str, str, int]]:
        wide = width >= WIDE
        medium = width >= MEDIUM
        fixed = [("code", "Mã", 6)]
        tail = [
            ("roles", "Vai trò", 17 if wide else 9),
            *([("timeline", "Thời gian", 12)] if medium else []),
            ("due", "Hạn hoàn thành", 16),
            ("status", "Trạng thái", 15),
            ("progress", "%", 4),
        ]
        used = sum(w + 2 for _, _, w in fixed + tail) + 2 + 2  # padding, title padding, scrollbar
        return [*fixed, ("title", "Nhiệm vụ", max(width - used, 12)), *tail]

    def _rebuild(self, keep: str | None) -> None:
        width = self.size.width or 80
        self._layout_width = width
        columns = self._columns(width)
        self.clear(columns=True)
        for key, label, col_width in columns:
            self.add_column(label, width=col_width, key=key)
        colors = self.app.theme_variables
        for row in self._rows:
            cells = []
            for key, _label, col_width in columns:
                cells.append(self._cell(row, key, col_width, width >= WIDE, colors, self.today))
            self.add_row(*cells, key=row.code)
        if keep is not None:
            codes = [r.code for r in self._rows]
            if keep in codes:
                self.move_cursor(row=codes.index(keep), animate=False)

    @staticmethod
    def _cell(
        row: TaskRow,
        key: str,
        width: int,
        wide: bool,
        colors: dict[str, str],
        today: dt.date | None = None,
    ) -> Text:
        if key == "code":
            return Text(row.code, style="bold")
        if key == "title":
            return Text(fit(row.title, width), style="" if row.active else "dim")
        if key == "roles":
            label = role_label(row.roles) if wide else short_roles(row)
            if row.inherited:  # the 2025 reorganisation: the preview says from whom
                label = "Chủ trì (kế thừa)" if wide and row.roles == ("lead",) else f"{label}*"
            return Text(label)
        if key == "timeline":
            return Text(fit(row.timeline, width))
        if key == "due":
            if row.due is None or today is None:
                return Text(day(row.due))
            late = row.due < today and row.status != "done"
            return Text(
                days_left_text(row.due, today), style=colors.get("text-error", "") if late else ""
            )
        if key == "status":
            label = STATUS_LABELS.get(row.status or "", NOT_REPORTED_LABEL)
            if not row.active:
                return Text("không có kỳ này", style="dim")
            color = colors.get(STATUS_COLORS.get(row.status, ""), "")
            return Text(label, style=color or "dim")
        return Text("" if row.progress is None else f"{row.progress}", justify="right")
