"""The frame every report shares: header block, title, recipient, closing and signature."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from docx.document import Document as DocxDocument

from cchc_tui.domain.plan import Plan
from cchc_tui.domain.progress import format_day
from cchc_tui.domain.text import fold
from cchc_tui.services.word import layout
from cchc_tui.services.word.settings import DEFAULT_PARENT, ReportSettings


@dataclass(frozen=True)
class Frame:
    """Who issues the report, to whom, and who signs it."""

    parent: str
    issuer: str
    number_prefix: str
    recipient: str
    recipients: tuple[str, ...]
    authority: str
    signer_title: str
    signer_name: str


def frame_from(
    settings: ReportSettings,
    *,
    issuer: str,
    prefix: str,
    recipient: str,
    title: str,
    recipients: Sequence[str],
) -> Frame:
    """Settings where set, the given defaults otherwise."""
    return Frame(
        parent=settings.parent_body or DEFAULT_PARENT,
        issuer=issuer,
        number_prefix=settings.number_prefix or prefix,
        recipient=settings.recipient or recipient,
        recipients=tuple(recipients),
        authority=settings.signer_authority,
        signer_title=settings.signer_title or title,
        signer_name=settings.signer_name,
    )


def plan_subject(plan: Plan) -> str:
    """ "Kế hoạch số 56/KH-UBND ngày 20/05/2020 của Ủy ban nhân dân tỉnh Tuyên Quang
    thực hiện nội dung đột phá “Tuyên Quang chung tay …” năm 2020 và giai đoạn 2021-2025";
    a plan titled by its subject: "… của Ủy ban nhân dân tỉnh Tuyên Quang về chuyển đổi số
    năm 2026"."""
    words = plan.title
    if fold(words).startswith("ke hoach"):  # "KẾ HOẠCH Thực hiện …", "Kế hoạch cải cách …"
        words = words[len("kế hoạch") :]
    words = words.strip().lower()
    words = words.replace("tuyên quang", "Tuyên Quang").replace("“t", "“T")
    if not fold(words).startswith(("thuc hien", "trien khai")):  # a subject, not an action
        words = f"về {words}"
    return f"Kế hoạch số {plan.number} ngày {format_day(plan.date)} của {plan.issuer} {words}"


def open_report(doc: DocxDocument, frame: Frame, summary: str, year: int) -> None:
    """Header block, "BÁO CÁO", the summary line with its rule, "Kính gửi"."""
    layout.header_block(
        doc,
        parent=frame.parent,
        issuer=frame.issuer,
        number=f"Số:        /{frame.number_prefix}",
        place_date=layout.date_line("Tuyên Quang", year),
    )
    layout.para(doc, "BÁO CÁO", bold=True, align="center", after=0)
    layout.para(doc, summary, bold=True, align="center", after=4)
    p = layout.para(doc, "", after=6)
    p.paragraph_format.left_indent = p.paragraph_format.right_indent = layout.Mm(60)
    layout.rule_on(p)
    layout.para(doc, f"Kính gửi: {frame.recipient}.", align="center", after=12)


def close_report(doc: DocxDocument, frame: Frame, closing: str) -> None:
    """The closing sentence, "Nơi nhận:" and the signature block."""
    layout.body(doc, closing).paragraph_format.keep_with_next = True  # not alone above it
    layout.signature_block(
        doc,
        recipients=frame.recipients,
        authority=frame.authority,
        title=frame.signer_title,
        signer=frame.signer_name,
    )


def annex_title(doc: DocxDocument, name: str, title: str, frame: Frame, period: str) -> None:
    """ "Phụ lục I", its title and "(Kèm theo Báo cáo số … của …)" on a landscape page."""
    layout.landscape_section(doc)
    layout.para(doc, name, bold=True, align="center", after=0)
    layout.para(doc, title.upper(), bold=True, align="center", after=0)
    layout.para(
        doc,
        f"(Kèm theo Báo cáo số        /{frame.number_prefix} ngày     /     /20…  của "
        f"{frame.issuer}; {period})",
        italic=True,
        align="center",
        after=6,
    )
