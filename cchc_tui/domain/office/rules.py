"""Who is expected to report, when a submission counts as late, and which keys still count.

Decisions (see docs/office.md):
- An agency is *expected* in a period when it exists on the period's cut-off day.
  Its bundle for a period counts when the agency existed on some day of the period and
  signed the bundle while it still existed: a district closed on 30/6/2025 keeps its
  2025-Q1 and 2025-H1 bundles, whenever the file arrives, but cannot sign anything later.
- A submission's day is the signed `created_at` day, but never later than the day the
  office received it: an agency whose clock runs fast is not made late by it.
- A key revoked from day D: a bundle is refused when it was signed on or after D, or
  reaches the office on or after D (a stolen key can back-date `created_at`).
- A key replaced by a rotation statement still counts for bundles signed before the
  rotation (files in transit), not for later ones.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cchc_tui.domain.agencies import Agency
from cchc_tui.domain.clock import parse_moment, vietnam_day
from cchc_tui.domain.periods import ReportingPeriod
from cchc_tui.domain.progress import format_day, format_moment

ON_TIME = "on_time"
LATE = "late"
MISSING = "missing"
NOT_DUE = "not_due"
NOT_EXPECTED = "not_expected"
CELL_LABELS = {
    ON_TIME: "đúng hạn",
    LATE: "trễ hạn",
    MISSING: "chưa nộp (quá hạn)",
    NOT_DUE: "chưa đến hạn",
    NOT_EXPECTED: "không phải nộp",
}
"""The wording of each cell status (report columns, counts); `cell_label` shortens it."""
_CELL_SHORT = {LATE: "trễ {days} ngày", MISSING: "chưa nộp", NOT_EXPECTED: "—"}


def cell_label(status: str, days: int = 0) -> str:
    """Short text of a grid cell: `đúng hạn`, `trễ 3 ngày`, `chưa nộp`, `chưa đến hạn`, `—`."""
    return _CELL_SHORT.get(status, CELL_LABELS[status]).format(days=days)


def expected_in(agency: Agency, period: ReportingPeriod) -> bool:
    """True when the agency must report the period: it exists on the cut-off day and the
    plan covers it (not a commune from another former province: `outside_plan`)."""
    return agency.outside_plan is None and agency.exists_on(period.end)


def _span(agency: Agency) -> str:
    span = f"từ {format_day(agency.valid_from)}"
    return f"{span} đến {format_day(agency.valid_to)}" if agency.valid_to else span


def period_refusal(agency: Agency, period: ReportingPeriod) -> str | None:
    """Why the agency cannot report the period (it did not exist in it), or None."""
    if agency.valid_from <= period.end and (
        agency.valid_to is None or agency.valid_to >= period.start
    ):
        return None
    return (
        f"{agency.name} chỉ hoạt động {_span(agency)}, không có trong kỳ {period.label}: "
        "gói báo cáo này không thuộc thời gian cơ quan tồn tại."
    )


def agency_refusal(agency: Agency, period: ReportingPeriod, created_at: str) -> str | None:
    """Why a bundle of `agency` for `period` signed at `created_at` cannot count, or None."""
    refusal = period_refusal(agency, period)
    if refusal is not None:
        return refusal
    created = parse_moment(created_at)
    if agency.valid_to is not None and (created is None or vietnam_day(created) > agency.valid_to):
        return (
            f"{agency.name} đã kết thúc hoạt động ngày {format_day(agency.valid_to)}; gói này ký sau"
            " ngày đó nên không được nhận. Các gói ký trước ngày đó vẫn có giá trị."
        )
    return None


def submitted_on(created_at: str, received_at: str) -> dt.date:
    """The day a bundle counts as submitted: signed day, capped by the day it arrived."""
    received = parse_moment(received_at)
    created = parse_moment(created_at)
    if received is None:
        raise ValueError(f"received_at '{received_at}' is not an ISO time with offset")
    if created is None:
        return vietnam_day(received)
    return min(vietnam_day(created), vietnam_day(received))


def cell_status(
    *, expected: bool, submitted: dt.date | None, deadline: dt.date, today: dt.date
) -> tuple[str, int]:
    """Status of one agency × period cell and the days late (0 unless late)."""
    if submitted is not None:
        late = (submitted - deadline).days
        return (LATE, late) if late > 0 else (ON_TIME, 0)
    if not expected:
        return NOT_EXPECTED, 0
    if today > deadline:
        return MISSING, (today - deadline).days
    return NOT_DUE, 0


@dataclass(frozen=True)
class KeyStanding:
    """What the office knows about a registered key besides its bytes."""

    key_id: str
    agency_id: str
    fingerprint: str
    retired_at: str | None = None
    revoked_on: dt.date | None = None
    revoked_reason: str = ""


def key_refusal(key: KeyStanding, created_at: str, received_on: dt.date) -> str | None:
    """Why a bundle signed by `key` no longer counts, or None."""
    created = parse_moment(created_at)
    if key.revoked_on is not None and (
        received_on >= key.revoked_on or created is None or vietnam_day(created) >= key.revoked_on
    ):
        return (
            f"Khóa {key.fingerprint} đã bị thu hồi từ ngày {format_day(key.revoked_on)}"
            f" ({key.revoked_reason}): gói ký bằng khóa này không còn được nhận. "
            "Đề nghị cơ quan tạo khóa mới, gửi tệp đăng ký khóa và xuất lại báo cáo."
        )
    retired = parse_moment(key.retired_at or "")
    if retired is not None and (created is None or created >= retired):
        return (
            f"Khóa {key.fingerprint} đã được thay bằng khóa mới lúc {format_moment(key.retired_at)}; "
            "gói này ký bằng khóa cũ sau thời điểm đổi khóa. Đề nghị cơ quan xuất lại bằng khóa mới."
        )
    return None


SEQ_JUMP_LIMIT = 50
"""A seq this far beyond the last accepted one is accepted (the contract says so) but flagged."""


def suspicion(
    seq: int, gap_after: int | None, created_at: str, period_start: dt.date
) -> str | None:
    """Why a valid bundle looks wrong (a seq far ahead, signed before its period opened), or None."""
    reasons = []
    if gap_after is not None and seq - gap_after > SEQ_JUMP_LIMIT:
        reasons.append(f"số thứ tự nhảy từ {gap_after} lên {seq}")
    moment = parse_moment(created_at)
    created = vietnam_day(moment) if moment is not None else None
    if created is not None and created < period_start:
        reasons.append(
            f"lập ngày {format_day(created)}, trước khi kỳ bắt đầu ({format_day(period_start)})"
        )
    return "; ".join(reasons) or None


def missing_seqs(last_seq: int, seq: int) -> str:
    """The seq numbers between two accepted bundles: `số 1`, `số 3 đến 5`."""
    if seq - last_seq == 2:
        return f"số {last_seq + 1}"
    return f"số {last_seq + 1} đến {seq - 1}"
