"""Import screen: type or pick a folder of saved attachments, watch the progress, read the verdicts."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, ProgressBar, Static

from cchc_tui.domain.periods import period_label
from cchc_tui.domain.safe_text import visible
from cchc_tui.screens.office.tables import plain
from cchc_tui.services.office.outcome import HEADERS, STORED, VERDICT_LABELS, ImportOutcome, summary
from cchc_tui.services.workspace import Workspace

WIDTHS = (18, 16, 8, 4, 21)
"""Widths of every column but the last (the reason takes the rest; the panel shows all)."""


class ImportScreen(Screen[bool]):
    """Runs `import_files` in a worker; dismisses with True when anything was imported."""

    HELP_TOPIC = "office"

    DEFAULT_CSS = """
    ImportScreen #import-path { margin: 0 0; }
    ImportScreen ProgressBar { height: 1; }
    ImportScreen #import-summary { height: 1; }
    ImportScreen DataTable { height: 1fr; }
    ImportScreen #import-detail { height: auto; max-height: 6; border-top: solid $primary; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Quay lại", id="receiver.import.close"),
        Binding("f2", "pick", "Chọn thư mục", id="receiver.import.pick"),
    ]

    @dataclass
    class Progress(Message):
        """Files checked so far."""

        done: int
        total: int

    @dataclass
    class Finished(Message):
        """Every file's verdict, and the attachments that are not bundles."""

        outcomes: list[ImportOutcome]
        skipped: list[Path]

    def __init__(self, ws: Workspace) -> None:
        super().__init__()
        self.ws = ws
        self.imported = False
        self.outcomes: list[ImportOutcome] = []
        from cchc_tui.services.catalog import load_registry

        self.names = {a.id: a.short_name for a in load_registry(ws)}

    def compose(self) -> ComposeResult:
        yield Input(
            placeholder="Thư mục hoặc tệp gói báo cáo (nhiều tệp: cách nhau bằng ;), Enter — F2: chọn",
            id="import-path",
        )
        yield ProgressBar(show_eta=False, id="import-progress")
        yield Static("", id="import-summary", markup=False)
        yield DataTable(id="import-table", cursor_type="row")
        yield Static("", id="import-detail", markup=False)
        yield Footer()

    @on(Input.Submitted, "#import-path")
    def start(self, event: Input.Submitted) -> None:
        from cchc_tui.services.office.paths import split_paths

        paths = split_paths(event.value)
        if not paths:
            return
        self.query_one("#import-summary", Static).update("Đang kiểm tra, nhận gói…")
        self.run_import(paths)

    @work(thread=True, exclusive=True)
    def run_import(self, paths: list[Path]) -> None:
        """Import off the key loop; progress and verdicts come back as messages."""
        from cchc_tui.services.office.importer import import_files
        from cchc_tui.services.office.refused import skipped_attachments

        outcomes = import_files(
            self.ws, paths, lambda done, total: self.post_message(self.Progress(done, total))
        )
        self.post_message(self.Finished(outcomes, skipped_attachments(paths)))

    @on(Progress)
    def show_progress(self, message: Progress) -> None:
        self.query_one(ProgressBar).update(total=message.total, progress=message.done)

    @on(Finished)
    def show_outcomes(self, message: Finished) -> None:
        table = self.query_one(DataTable)
        table.clear(columns=True)
        for header, width in zip(HEADERS, (*WIDTHS, None), strict=True):
            table.add_column(header, width=width)
        for o in message.outcomes:
            agency = self.names.get(o.agency_id or "", o.agency_id or "?")
            cells = (Path(o.file).name, agency, *o.cells()[2:])
            table.add_row(*(plain(c) for c in cells))
        self.outcomes = message.outcomes
        self.imported = self.imported or any(o.verdict in STORED for o in message.outcomes)
        text = summary(message.outcomes)
        if message.skipped:
            names = ", ".join(visible(p.name) for p in message.skipped[:5])
            more = "…" if len(message.skipped) > 5 else ""
            text += f" — bỏ qua {len(message.skipped)} tệp không phải gói: {names}{more}"
        self.query_one("#import-summary", Static).update(text)
        if message.outcomes:
            table.focus()
            self.show_detail(0)

    @on(DataTable.RowHighlighted, "#import-table")
    def row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail(event.cursor_row)

    def show_detail(self, row: int) -> None:
        """The whole verdict of one file: path, agency, reason (never cut)."""
        if not 0 <= row < len(self.outcomes):
            return
        o = self.outcomes[row]
        agency = self.names.get(o.agency_id or "", "?")
        text = Text()
        text.append(f"{visible(o.file)}\n", style="bold")
        period = visible(period_label(o.period)) if o.period else "?"
        text.append(f"{agency} ({visible(o.agency_id or '?')}) — kỳ {period}")
        text.append(f" — số {o.seq if o.seq is not None else '?'} — {VERDICT_LABELS[o.verdict]}\n")
        text.append(visible(o.reason))
        self.query_one("#import-detail", Static).update(text)

    def action_pick(self) -> None:
        """Choose a folder or file in a tree; its path goes into the box, then Enter imports."""
        from cchc_tui.screens.office.picker import FolderPicker

        box = self.query_one("#import-path", Input)

        def chosen(path: Path | None) -> None:
            if path is not None:
                box.value = f'"{path}"'
                box.focus()

        typed = Path(box.value.strip().strip("\"'") or ".").expanduser()
        start = typed if typed.is_dir() else Path.home()
        self.app.push_screen(FolderPicker(start), chosen)

    def action_close(self) -> None:
        """Back to the consolidated views."""
        self.dismiss(self.imported)
