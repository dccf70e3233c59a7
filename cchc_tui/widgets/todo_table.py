"""The overview's Cần làm table: code, role, why, completion deadline and the task's title,
which takes whatever width the other columns leave (at least 30 characters at 80x24)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import DataTable

from cchc_tui.domain.progress import NOT_REPORTED_LABEL, format_day
from cchc_tui.domain.roles import role_label
from cchc_tui.screens.formatting import themed
from cchc_tui.services.dashboard import Attention
from cchc_tui.widgets.task_table import WIDE, fit, short_roles

TODO_ROLES_FROM = 100
"""The table shows the role from this width (short labels below `WIDE`); narrower, the
task's title needs the room (the role is on F3 and in the overview's counts)."""
TODO_FRAME = 6
"""Columns around the table: the body's padding and scroll bar, the table's scroll bar."""
DUE_HEADER = "Hạn hoàn thành"


def show_todo(
    table: DataTable, attention: Sequence[Attention], width: int, colors: dict[str, str]
) -> None:
    """Lay the table out for a screen `width` columns wide and fill it; the cursor stays on
    the same row number."""
    keep = table.cursor_row
    columns = todo_columns(width, attention)
    table.clear(columns=True)
    for key, label, col_width in columns:
        table.add_column(label, width=col_width, key=key)
    for item in attention:
        cells = (_cell(item, key, col_width, width, colors) for key, _, col_width in columns)
        table.add_row(*cells, key=item.row.code)
    if attention:
        table.move_cursor(row=min(keep, len(attention) - 1), animate=False)


def todo_columns(width: int, attention: Sequence[Attention]) -> list[tuple[str, str, int]]:
    """(key, label, width) of the Cần làm table on a screen `width` columns wide: code,
    role (from `TODO_ROLES_FROM`), why, completion deadline; the title takes the rest."""
    columns = [("code", "Mã", max([2, *(len(a.row.code) for a in attention)]))]
    if width >= TODO_ROLES_FROM:
        labels = [_role(a, width) for a in attention]
        columns.append(("roles", "Vai trò", max([7, *map(len, labels)])))
    reasons = [_reason(a, width) for a in attention]
    columns.append(("reason", "Cần làm", max([7, *map(len, reasons)])))
    columns.append(("due", DUE_HEADER, len(DUE_HEADER)))
    used = sum(w + 2 for _, _, w in columns) + TODO_FRAME + 2  # cell padding, the title's
    return [*columns, ("title", "Nhiệm vụ", max(width - used, 16))]


def _role(item: Attention, width: int) -> str:
    return role_label(item.row.roles) if width >= WIDE else short_roles(item.row)


def _reason(item: Attention, width: int) -> str:
    """Why the task needs doing; narrower than `WIDE`, an unreported task late for the
    submission deadline says only "chưa báo cáo" (in red; the line above says the deadline
    passed), so the title keeps its room."""
    if width < WIDE and item.reason.startswith(NOT_REPORTED_LABEL):
        return NOT_REPORTED_LABEL
    return item.reason


def _cell(
    item: Attention, key: str, col_width: int, width: int, colors: dict[str, str]
) -> Text | str:
    row = item.row
    if key == "code":
        return row.code
    if key == "roles":
        return _role(item, width)
    if key == "reason":
        reason = _reason(item, width)
        return themed(reason, colors, "text-error", bold=True) if item.overdue else reason
    if key == "due":
        return format_day(row.due) if row.due else "—"
    return Text(fit(" ".join(row.title.split()), col_width))
