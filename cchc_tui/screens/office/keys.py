"""The agencies' keys on the receiving install: add, rotate, revoke, as `cchc keyring` does."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Static

from cchc_tui.domain.progress import format_moment
from cchc_tui.domain.safe_text import one_line
from cchc_tui.screens.dialogs import ConfirmDialog, Dialog, TextDialog
from cchc_tui.screens.office.tables import plain
from cchc_tui.services.errors import ServiceError
from cchc_tui.services.office import keyring
from cchc_tui.services.workspace import Workspace

WIDTHS = (22, 20, 24, 14, 10)


class FileDialog(TextDialog):
    """Asks for one file (typed, pasted, or chosen with F2); returns its path."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *TextDialog.BINDINGS,
        Binding("f2", "pick", "Chọn tệp", id="receiver.file.pick"),
    ]
    PLACEHOLDER = "Đường dẫn tệp, Enter — F2: chọn"

    @on(Input.Submitted, "#answer")
    def chosen(self, event: Input.Submitted) -> None:
        from cchc_tui.services.office.paths import split_paths

        paths = split_paths(event.value)
        if paths:
            self.dismiss(paths[0])

    def action_pick(self) -> None:
        from cchc_tui.screens.office.picker import FolderPicker

        def picked(path: Path | None) -> None:
            if path is not None and path.is_file():
                self.dismiss(path)

        self.app.push_screen(FolderPicker(Path.home()), picked)


class RevokeDialog(Dialog):
    """Reason and first day of a revocation; returns (reason, day text)."""

    def __init__(self, what: str, today: dt.date) -> None:
        super().__init__()
        self.what, self.today = what, today

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(f"Thu hồi {self.what}", markup=False)
            yield Input(placeholder="Lý do thu hồi (bắt buộc)", id="revoke-reason")
            yield Input(self.today.isoformat(), placeholder="Từ ngày (YYYY-MM-DD)", id="revoke-on")
            yield Static("Enter ở ô ngày: tiếp tục — Esc: thôi", markup=False)
        yield Footer()

    @on(Input.Submitted, "#revoke-reason")
    def next_box(self) -> None:
        self.query_one("#revoke-on", Input).focus()

    @on(Input.Submitted, "#revoke-on")
    def done(self) -> None:
        reason = self.query_one("#revoke-reason", Input).value
        self.dismiss((reason, self.query_one("#revoke-on", Input).value.strip()))


class KeyringScreen(Screen[bool]):
    """Every registered key with its status; dismisses with True when the keyring changed."""

    HELP_TOPIC = "office"

    DEFAULT_CSS = """
    KeyringScreen #keys-status { height: auto; max-height: 4; }
    KeyringScreen DataTable { height: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "Thêm khóa", id="receiver.keys.add"),
        Binding("o", "rotate", "Đổi khóa", id="receiver.keys.rotate"),
        Binding("x", "revoke", "Thu hồi", id="receiver.keys.revoke"),
        Binding("escape", "close", "Quay lại", id="receiver.keys.close"),
    ]

    def __init__(self, ws: Workspace) -> None:
        super().__init__()
        self.ws = ws
        self.changed = False
        self.entries: list[keyring.KeyEntry] = []

    def compose(self) -> ComposeResult:
        yield Static("", id="keys-status", markup=False)
        yield DataTable(id="keys-table", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Khóa của các cơ quan"
        self.reload()

    def reload(self) -> None:
        """Read the keyring again (a few hundred rows at most)."""
        self.entries = keyring.list_keys(self.ws)
        table = self.query_one(DataTable)
        table.clear(columns=True)
        headers = ("Cơ quan", "Vân tay", "Tình trạng", "Cán bộ", "Đăng ký")
        for header, width in zip(headers, WIDTHS, strict=True):
            table.add_column(header, width=width)
        for i, e in enumerate(self.entries):
            status = keyring.STATUS_LABELS[e.status]
            if e.revoked_on:
                status += f" từ {e.revoked_on}"
            cells = (e.agency_name, e.fingerprint, status, e.officer or "—", e.added_at[:10])
            table.add_row(*(plain(c) for c in cells), key=str(i))
        if not self.entries:
            self.say("Chưa có khóa nào. a: thêm khóa từ tệp đăng ký khóa cơ quan gửi.")
        table.focus()

    def say(self, message: str) -> None:
        """One line of news or of refusal (plain text)."""
        self.query_one("#keys-status", Static).update(message)

    def run(self, step) -> object | None:
        """Call a service; a refusal is said on the status line and nothing changes."""
        try:
            return step()
        except ServiceError as exc:
            self.say(f"Lỗi: {exc}")
            return None

    def action_add(self) -> None:
        """Enrolment file → agency, officer, fingerprint to compare by phone → confirm."""

        def got(path: Path | None) -> None:
            if path is None:
                return
            preview = self.run(
                lambda: keyring.preview_enrolment(self.ws, keyring.read_document(path))
            )
            if preview is None:
                return
            lines = [
                f"Cơ quan: {one_line(preview.agency_name)} ({preview.agency_id})",
                f"Cán bộ: {one_line(preview.officer) or '—'}",
                f"Vân tay: {preview.fingerprint}",
            ]
            if preview.already_registered:
                self.say("Khóa này đã được đăng ký: không có gì thay đổi.")
                return
            if preview.agency_notice:
                lines.append(f"⚠ Lưu ý: {one_line(preview.agency_notice)}")
            if preview.other_active:
                lines.append(
                    f"Lưu ý: cơ quan đang có khóa khác ({', '.join(preview.other_active)})."
                )
            lines.append("Vân tay trên khớp với vân tay cơ quan đọc qua điện thoại / trên văn bản?")

            def confirmed(yes: bool | None) -> None:
                if yes:
                    entry = self.run(lambda: keyring.add_enrolment(self.ws, preview))
                    if entry is not None:
                        self.changed = True
                        self.reload()
                        self.say(
                            f"Đã đăng ký khóa {entry.fingerprint} cho {one_line(entry.agency_name)}."
                        )

            self.app.push_screen(ConfirmDialog("\n".join(lines), yes="Đăng ký"), confirmed)

        self.app.push_screen(FileDialog("Tệp đăng ký khóa cơ quan gửi:"), got)

    def action_rotate(self) -> None:
        """Rotation statement → old and new key → confirm."""

        def got(path: Path | None) -> None:
            if path is None:
                return
            raw = self.run(lambda: keyring.read_document(path))
            preview = raw and self.run(lambda: keyring.preview_rotation(self.ws, raw))
            if not preview:
                return
            if preview.registered is not None:
                self.say("Tuyên bố đổi khóa này đã được nhận: không có gì thay đổi.")
                return
            question = (
                f"Cơ quan: {one_line(preview.agency_name)}\n"
                f"Khóa cũ: {preview.old.fingerprint} — thôi dùng từ {format_moment(preview.signed_at)}\n"
                f"Khóa mới: {preview.new_fingerprint}\nLý do: {one_line(preview.reason) or '—'}\n"
                "Vân tay khóa mới khớp với vân tay cơ quan đọc qua điện thoại?"
            )

            def confirmed(yes: bool | None) -> None:
                if yes:
                    entry = self.run(lambda: keyring.apply_rotation(self.ws, raw))
                    if entry is not None:
                        self.changed = True
                        self.reload()
                        self.say(f"Đã nhận đổi khóa: khóa mới {entry.fingerprint}.")

            self.app.push_screen(ConfirmDialog(question, yes="Nhận đổi khóa"), confirmed)

        self.app.push_screen(FileDialog("Tệp tuyên bố đổi khóa (ký bằng cả hai khóa):"), got)

    def action_revoke(self) -> None:
        """Reason and date → the keys that stop being accepted → confirm."""
        table = self.query_one(DataTable)
        if not self.entries or table.cursor_row < 0:
            return
        entry = self.entries[table.cursor_row]

        def got(answer: tuple[str, str] | None) -> None:
            if answer is None:
                return
            reason, day = answer
            try:
                on_day = dt.date.fromisoformat(day)
            except ValueError:
                self.say(f"Lỗi: ngày '{one_line(day)}' không đúng dạng YYYY-MM-DD.")
                return
            preview = self.run(
                lambda: keyring.preview_revocation(self.ws, entry.key_id, reason, on_day)
            )
            if preview is None:
                return
            question = (
                f"Thu hồi khóa {entry.fingerprint} của {one_line(entry.agency_name)} từ ngày"
                f" {on_day.isoformat()}?\nLý do: {one_line(preview.reason)}\n"
                "Các gói đã nhận vẫn giữ nguyên."
            )

            def confirmed(yes: bool | None) -> None:
                if yes and self.run(lambda: keyring.revoke(self.ws, entry.key_id, reason, on_day)):
                    self.changed = True
                    self.reload()
                    self.say(f"Đã thu hồi khóa {entry.fingerprint}.")

            self.app.push_screen(ConfirmDialog(question, yes="Thu hồi"), confirmed)

        what = f"khóa {entry.fingerprint} của {one_line(entry.agency_name)}"
        self.app.push_screen(RevokeDialog(what, self.ws.clock.today()), got)

    def action_close(self) -> None:
        """Back to the consolidated views."""
        self.dismiss(self.changed)
