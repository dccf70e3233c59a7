"""Tables of the consolidated views: each one shows plain dataclasses from the services.

Every cell is a Rich `Text` built from `one_line`, never a `str`: DataTable reads a
`str` cell as markup, and agency text such as `[/]` must show as typed, not crash.
The row builders are plain functions (tested apart from any app).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import DataTable

from cchc_tui.domain.office import rules
from cchc_tui.domain.progress import STATUS_LABELS, format_percent
from cchc_tui.domain.safe_text import one_line

if TYPE_CHECKING:  # the services are imported by the workers that read them
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
TEXT_WIDTH = 60
"""Characters of a result, difficulty or proposal shown in a row (Enter shows all)."""
Rows = list[tuple[str, tuple[Text, ...]]]
"""(row key, cells) pairs."""


def plain(text: str, width: int | None = None) -> Text:
    """Text shown as typed: control characters visible, on one line, cut to `width`."""
    line = one_line(text)
    if width is not None and len(line) > width:
        line = line[: width - 1] + "…"
    return Text(line)


def cell_text(cell: SubmissionCell) -> Text:
    """A short, coloured grid cell; ⚠ marks a fork, a gap or a refused file."""
    label = CELL_GLYPHS.get(cell.status, "") + rules.cell_label(cell.status, cell.days)
    text = Text(label, style=CELL_STYLES[cell.status])
    if cell.fork or cell.gap or cell.rejected:
        text.append(" ⚠", style="bold magenta")
    return text


def submission_rows(grid: SubmissionGrid) -> Rows:
    """One row per agency (key: agency id): its name, then a cell per period."""
    return [
        (row.agency_id, (plain(row.short_name), *(cell_text(c) for c in row.cells)))
        for row in grid.rows
    ]


TASK_COLUMNS = (
    "NV",
    "Vai trò",
    "Cơ quan",
    "Tình trạng",
    "Tiến độ",
    "Kết quả",
    "Khó khăn",
    "Đề xuất",
    "Ghi chú",
)


def task_rows(tasks: list[TaskProgress], kind_of: dict[str, str], kind: str | None) -> Rows:
    """Each task's agencies, once each (key `task|agency`); `kind` keeps only that kind."""
    rows = []
    for task in tasks:
        for role, r in task.by_agency():
            if kind is not None and kind_of.get(r.agency_id) != kind:
                continue
            progress = format_percent(r.progress_bp) if r.status in STATUS_LABELS else ""
            cells = (
                plain(task.code),
                plain(role),
                plain(r.agency_name),
                plain(r.status_label),
                plain(progress),
                plain(r.result, TEXT_WIDTH),
                plain(r.difficulties, TEXT_WIDTH),
                plain(r.proposals, TEXT_WIDTH),
                plain(r.note),  # "kế thừa từ Sở TT&TT": the successor reports in its place
            )
            rows.append((f"{task.code}{KEY_SEP}{r.agency_id}", cells))
    return rows


def indicator_columns(figures: list[IndicatorFigure]) -> tuple[str, ...]:
    """Headers: one target column per year the plan sets targets for (from the plan data)."""
    years = sorted({t.year for f in figures for t in f.targets})
    return ("Chỉ tiêu", "Tổng hợp", *(f"MT {y}" for y in years), "Kết quả", "Tử/Mẫu", "CQ", "Đạt")


def indicator_rows(figures: list[IndicatorFigure]) -> Rows:
    """One row per indicator (key: its id): targets, the province's value, who reported."""
    years = sorted({t.year for f in figures for t in f.targets})
    met = {True: Text("đạt", "green"), False: Text("chưa đạt", "red"), None: Text("—")}
    return [
        (
            f.id,
            (
                plain(f.title, 40),
                plain(f.rollup_label),
                *(plain(f.format(f.target_bp_of(y))) for y in years),  # `80%`, `150 hồ sơ`
                plain(f.format(f.value_bp)),
                Text(str(f.numerator) if f.is_count else f"{f.numerator}/{f.denominator}"),
                Text(str(len(f.contributions))),
                met[f.met],
            ),
        )
        for f in figures
    ]


class SubmissionsTable(DataTable):
    """Agencies × periods; the cell cursor picks the bundle to drill into."""

    def show(self, grid: SubmissionGrid) -> None:
        """Replace the contents with `grid` (row key: agency id, column key: period id)."""
        self.clear(columns=True)
        self.add_column("Cơ quan", key="agency")
        for period in grid.periods:
            self.add_column(period.id, key=period.id)
        for key, cells in submission_rows(grid):
            self.add_row(*cells, key=key)


class TaskProgressTable(DataTable):
    """Each task's agencies: leads, then partners, an agency in both once; key `task|agency`."""

    def show(self, tasks: list[TaskProgress], kind_of: dict[str, str], kind: str | None) -> None:
        """Replace the contents; `kind` keeps only agencies of that kind."""
        self.clear(columns=True)
        self.add_columns(*TASK_COLUMNS)
        for key, cells in task_rows(tasks, kind_of, kind):
            self.add_row(*cells, key=key)


class IndicatorsTable(DataTable):
    """Plan targets against the province's rolled-up values; row key: indicator id."""

    def show(self, figures: list[IndicatorFigure]) -> None:
        """Replace the contents with `figures`."""
        self.clear(columns=True)
        self.add_columns(*indicator_columns(figures))
        for key, cells in indicator_rows(figures):
            self.add_row(*cells, key=key)
