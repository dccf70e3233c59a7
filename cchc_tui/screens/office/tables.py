"""Tables of the consolidated views: each one shows plain dataclasses from the services."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable

from cchc_tui.domain.office import rules
from cchc_tui.domain.progress import STATUS_LABELS, format_percent
from cchc_tui.services.office.consolidated import IndicatorFigure, TaskProgress
from cchc_tui.services.office.submissions import SubmissionCell, SubmissionGrid

CELL_STYLES = {
    rules.ON_TIME: "green",
    rules.LATE: "yellow",
    rules.MISSING: "bold red",
    rules.NOT_DUE: "dim",
    rules.NOT_EXPECTED: "dim",
}
CELL_GLYPHS = {rules.ON_TIME: "✓ ", rules.MISSING: "✗ "}
KEY_SEP = "|"


def cell_text(cell: SubmissionCell) -> Text:
    """A short, coloured grid cell; ⚠ marks a fork, a gap or a refused file."""
    label = CELL_GLYPHS.get(cell.status, "") + rules.cell_label(cell.status, cell.days)
    text = Text(label, style=CELL_STYLES[cell.status])
    if cell.fork or cell.gap or cell.rejected:
        text.append(" ⚠", style="bold magenta")
    return text


class SubmissionsTable(DataTable):
    """Agencies × periods; the cell cursor picks the bundle to drill into."""

    def show(self, grid: SubmissionGrid) -> None:
        """Replace the contents with `grid` (row key: agency id, column key: period id)."""
        self.clear(columns=True)
        self.add_column("Cơ quan", key="agency")
        for period in grid.periods:
            self.add_column(period.id, key=period.id)
        for row in grid.rows:
            self.add_row(row.short_name, *(cell_text(c) for c in row.cells), key=row.agency_id)


class TaskProgressTable(DataTable):
    """Each task's lead agencies, then its partners; row key `task|agency`."""

    def show(self, tasks: list[TaskProgress], kind_of: dict[str, str], kind: str | None) -> None:
        """Replace the contents; `kind` keeps only agencies of that kind."""
        self.clear(columns=True)
        self.add_columns("NV", "Vai trò", "Cơ quan", "Tình trạng", "Tiến độ", "Kết quả", "Ghi chú")
        for task in tasks:
            for role, reports in (("Chủ trì", task.leads), ("Phối hợp", task.partners)):
                for r in reports:
                    if kind is not None and kind_of.get(r.agency_id) != kind:
                        continue
                    self.add_row(
                        task.code,
                        role,
                        r.agency_name,
                        r.status_label,
                        format_percent(r.progress_bp) if r.status in STATUS_LABELS else "",
                        r.result[:60],
                        Text(r.note),  # "kế thừa từ Sở TT&TT": the successor reports in its place
                        key=f"{task.code}{KEY_SEP}{r.agency_id}",
                    )


class IndicatorsTable(DataTable):
    """Plan targets against the province's rolled-up values; row key: indicator id."""

    def show(self, figures: list[IndicatorFigure]) -> None:
        """Replace the contents with `figures`."""
        self.clear(columns=True)
        self.add_columns(
            "Chỉ tiêu", "Tổng hợp", "MT 2020", "MT 2025", "Kết quả", "Tử/Mẫu", "CQ", "Đạt"
        )
        for f in figures:
            met = {True: Text("đạt", "green"), False: Text("chưa đạt", "red"), None: Text("—")}[
                f.met
            ]
            self.add_row(
                f.title[:40],
                f.rollup_label,
                format_percent(f.target_2020_bp),
                format_percent(f.target_2025_bp),
                format_percent(f.value_bp),
                f"{f.numerator}/{f.denominator}",
                str(len(f.contributions)),
                met,
                key=f.id,
            )
