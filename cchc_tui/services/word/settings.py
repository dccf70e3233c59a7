"""What the data cannot know about a report: who signs, to whom, the number prefix …

Stored as settings `report.*`; each has a default that gives a usable draft.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from cchc_tui.domain.text import nfc
from cchc_tui.services.settings import put_settings
from cchc_tui.services.workspace import Workspace
from cchc_tui.store import queries

PREFIX = "report."
DEFAULT_RECIPIENT = "Ủy ban nhân dân tỉnh Tuyên Quang (qua Sở Nội vụ)"
OFFICE_RECIPIENT = "Ủy ban nhân dân tỉnh Tuyên Quang"
DEFAULT_PARENT = "UBND TỈNH TUYÊN QUANG"
NEXT_STEPS_PLACEHOLDER = (
    "[Nội dung phương hướng, nhiệm vụ trọng tâm kỳ tới: nhập trong Cài đặt (F5), mục "
    "“Báo cáo Word”, hoặc sửa trực tiếp tại đây trước khi trình ký.]"
)


@dataclass(frozen=True)
class ReportSettings:
    """Signer, recipient, parent body, number prefix, free text of section IV ("" = default)."""

    signer_name: str = ""
    signer_title: str = ""
    signer_authority: str = ""
    """ "KT. GIÁM ĐỐC" when a deputy signs; empty when the head signs."""
    recipient: str = ""
    parent_body: str = ""
    number_prefix: str = ""
    next_steps: str = ""


LABELS = {
    "signer_name": "Họ tên người ký",
    "signer_title": "Chức vụ người ký (ví dụ: PHÓ GIÁM ĐỐC)",
    "signer_authority": "Thẩm quyền ký (ví dụ: KT. GIÁM ĐỐC; để trống khi thủ trưởng ký)",
    "recipient": "Kính gửi",
    "parent_body": "Cơ quan chủ quản (dòng trên tên cơ quan)",
    "number_prefix": "Ký hiệu số báo cáo (ví dụ: BC-STP)",
    "next_steps": "Phương hướng kỳ tới (mục IV)",
}
NAMES = tuple(f.name for f in fields(ReportSettings))


def report_settings(ws: Workspace) -> ReportSettings:
    """The saved report settings (empty strings where none is saved)."""
    with ws.db.read() as conn:
        values = queries.settings_with_prefix(PREFIX, conn=conn)
    return ReportSettings(**{n: values.get(PREFIX + n, "") for n in NAMES})


def save_report_settings(ws: Workspace, **values: str) -> ReportSettings:
    """Save the given fields (NFC, trimmed); others stay as they are."""
    unknown = set(values) - set(NAMES)
    if unknown:
        raise ValueError(f"unknown report settings: {sorted(unknown)}")
    put_settings(ws, {PREFIX + k: nfc(v).strip() for k, v in values.items()})
    return report_settings(ws)
