"""What the export screen shows before signing: the summary, the warning and the table of
what the period's bundle will carry (services/export.py `export_preview`)."""

from __future__ import annotations

from rich.text import Text
from textual.content import Content
from textual.widgets import DataTable

from cchc_tui.domain.progress import DONE, NOT_REPORTED_LABEL, STATUS_LABELS
from cchc_tui.domain.roles import role_label
from cchc_tui.screens.formatting import themed
from cchc_tui.services.export import ExportPreview, submission_text
from cchc_tui.widgets.task_table import fit

SLOT_COLUMNS = ("Mã", "Vai trò", "Trạng thái", "%", "VB", "Kết quả")


def summary(p: ExportPreview) -> Content:
    """Period and count reported, signer and key, last submission, the folder written to."""
    reported = len(p.slots) - len(p.unreported)
    signer = p.signer["officer"] or "(chưa nhập họ tên — nhập ở Cài đặt, F5)"
    if p.signer["title"]:
        signer += f", {p.signer['title']}"
    key = (
        Content.assemble("khóa ký, vân tay ", Content.styled(p.key.fingerprint, "bold"))
        if p.key
        else Content.styled("chưa có khóa ký", "bold $text-warning")
    )
    submission = submission_text(p.submission)
    changed = p.submission is not None and p.submission.changed_since
    return Content("\n").join(
        [
            Content.assemble(
                "Kỳ ",
                Content.styled(p.period_label, "bold"),
                f" · {len(p.slots)} nhiệm vụ, đã báo cáo {reported}",
            ),
            Content.assemble(f"Người ký: {signer} · ", key),
            Content.styled(submission, "bold $text-warning" if changed else ""),
            Content.styled(f"Tệp ghi vào: {p.out_dir}", "$text-muted"),
        ]
    )


def warning(p: ExportPreview) -> Content | None:
    """Why nothing can be signed (the agency ended), or the tasks still unreported."""
    if p.refusal:  # the agency ended before this period's cut-off: nothing to sign
        return Content.styled(p.refusal, "bold $text-error")
    if not p.unreported:
        return None
    return Content.styled(
        f"Còn {len(p.unreported)} nhiệm vụ chưa báo cáo ({', '.join(p.unreported)}). "
        f"Vẫn xuất được: các nhiệm vụ này ghi \u201c{NOT_REPORTED_LABEL}\u201d.",
        "$text-warning",
    )


def mark_sent_label(p: ExportPreview) -> str | None:
    """The label of the button that marks the latest bundle sent or takes the mark back."""
    if p.submission is None:
        return None
    seq = p.submission.seq
    if p.submission.sent_on:
        return f"Bỏ đánh dấu đã gửi gói số {seq}…"
    return f"Đánh dấu đã gửi gói số {seq}…"


def fill_slots(table: DataTable, p: ExportPreview, colors: dict[str, str], width: int) -> None:
    """One row per task slot: code, role, status (themed), %, documents, result."""
    table.clear()
    for slot in p.slots:
        if slot.status in STATUS_LABELS:
            label = STATUS_LABELS[slot.status]
            status = themed(label, colors, "text-success") if slot.status == DONE else label
        else:
            status = themed(NOT_REPORTED_LABEL, colors, "text-warning")
        reported = slot.status in STATUS_LABELS  # unreported: no misleading "0%"
        result = slot.result or "(chưa ghi kết quả)"
        table.add_row(
            slot.code,
            role_label(slot.roles),
            status,
            f"{slot.progress_bp // 100}%" if reported else "",
            str(slot.evidence) if reported else "",
            Text(
                fit(" ".join(result.split()), max(width - 58, 16)),
                style="" if slot.result else "dim",
            ),
            key=slot.code,
        )
