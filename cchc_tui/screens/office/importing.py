"""Import screen: type a folder of saved attachments, watch the progress, read the verdicts."""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, ProgressBar, Static

from cchc_tui.screens.office.tables import plain
from cchc_tui.services.office.outcome import HEADERS, STORED, ImportOutcome, summary
from cchc_tui.services.workspace import Workspace


class ImportScreen(Screen[bool]):
    """Runs `import_files` in a worker; dismisses with True when anything was imported."""

    DEFAULT_CSS = """
    ImportScreen #import-path { margin: 0 0; }
    ImportScreen ProgressBar { height: 1; }
    ImportScreen #import-summary { height: 1; }
    ImportScreen DataTable { height: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Quay lại", id="receiver.import.close")
    ]

    @dataclass
    class Progress(Message):
        """Files checked so far."""

        done: int
        total: int

    @dataclass
    class Finished(Message):
        """Every file's verdict."""

        outcomes: list[ImportOutcome]

    def __init__(self, ws: Workspace) -> None:
        super().__init__()
        self.ws = ws
        self.imported = False

    def compose(self) -> ComposeResult:
        yield Input(
            placeholder="Thư mục hoặc tệp gói báo cáo (cách nhau bằng dấu cách), rồi Enter",
            id="import-path",
        )
        yield ProgressBar(show_eta=False, id="import-progress")
        yield Static("", id="import-summary", markup=False)
        yield DataTable(id="import-table", cursor_type="row")
        yield Footer()

    @on(Input.Submitted, "#import-path")
    def start(self, event: Input.Submitted) -> None:
        try:
            paths = [Path(p).expanduser() for p in shlex.split(event.value)]
        except ValueError:
            paths = [Path(event.value.strip())]
        if not paths:
            return
        self.query_one("#import-summary", Static).update("Đang kiểm tra, nhận gói…")
        self.run_import(paths)

    @work(thread=True, exclusive=True)
    def run_import(self, paths: list[Path]) -> None:
        """Import off the key loop; progress and verdicts come back as messages."""
        from cchc_tui.services.office.importer import import_files

        outcomes = import_files(
            self.ws, paths, lambda done, total: self.post_message(self.Progress(done, total))
        )
        self.post_message(self.Finished(outcomes))

    @on(Progress)
    def show_progress(self, message: Progress) -> None:
        self.query_one(ProgressBar).update(total=message.total, progress=message.done)

    @on(Finished)
    def show_outcomes(self, message: Finished) -> None:
        table = self.query_one(DataTable)
        table.clear(columns=True)
        table.add_columns(*HEADERS)
        for o in message.outcomes:
            table.add_row(*(plain(c) for c in o.cells()))
        self.imported = self.imported or any(o.verdict in STORED for o in message.outcomes)
        self.query_one("#import-summary", Static).update(summary(message.outcomes))

    def action_close(self) -> None:
        """Back to the consolidated views."""
        self.dismiss(self.imported)
