"""The officer marks an exported bundle as sent by email (or takes the mark back).

Writing a file is not sending it, and only Sở Nội vụ's receipt proves it arrived: the mark
is the officer's own word in between, shown on the dashboard as "chờ Sở Nội vụ xác nhận".
It is kept beside the bundle (`export.sent_on`); the signed bytes never change.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cchc_tui.domain.periods import period_label
from cchc_tui.domain.progress import format_day, parse_day_vn
from cchc_tui.services.catalog import find_agency
from cchc_tui.services.errors import ServiceError
from cchc_tui.services.workspace import Workspace
from cchc_tui.store import exports


@dataclass(frozen=True)
class SentMark:
    """A bundle's sent mark after the change: `sent_on` None when unmarked."""

    seq: int
    period_id: str
    file_name: str
    sent_on: dt.date | None
    changed: bool
    """False when the bundle already carried this very mark (nothing was written)."""

    @property
    def text(self) -> str:
        """One sentence for the officer: what the bundle's mark now is."""
        which = f"(kỳ {period_label(self.period_id)}, tệp {self.file_name})"
        if self.sent_on is None:
            if not self.changed:
                return f"Gói số {self.seq} chưa được đánh dấu đã gửi; không có gì thay đổi."
            return f"Đã bỏ đánh dấu đã gửi gói số {self.seq} {which}."
        day = format_day(self.sent_on)
        if not self.changed:
            return f"Gói số {self.seq} đã được đánh dấu gửi ngày {day}; không có gì thay đổi."
        return f"Đã đánh dấu gói số {self.seq} đã gửi ngày {day} {which}; chờ Sở Nội vụ xác nhận."


def exported_on(created_at: str) -> dt.date:
    """The day a bundle was signed, from its stored `created_at` (ISO 8601, local time)."""
    return dt.date.fromisoformat(created_at[:10])


def sent_day(text: str, today: dt.date, exported: dt.date) -> dt.date:
    """The send day typed as dd/mm/yyyy: not after today, not before the bundle was made."""
    try:
        day = parse_day_vn(text)
    except ValueError as exc:
        raise ServiceError(f"{exc} Chưa có gì thay đổi.") from None
    if day > today:
        raise ServiceError(
            f"Ngày gửi {format_day(day)} chưa đến (hôm nay là {format_day(today)}): nhập ngày "
            "đã gửi thư; chưa có gì thay đổi."
        )
    if day < exported:
        raise ServiceError(
            f"Ngày gửi {format_day(day)} trước ngày xuất gói ({format_day(exported)}): nhập "
            "ngày đã gửi thư; chưa có gì thay đổi."
        )
    return day


def _bundle(ws: Workspace, agency_query: str, seq: int) -> tuple[str, exports.ExportedBundle]:
    agency = find_agency(ws, agency_query)
    found = None
    if seq >= 1:
        with ws.db.read() as conn:
            found = exports.exported_by_seq(agency.id, seq, conn=conn)
    if found is None:
        raise ServiceError(
            f"{agency.name} chưa xuất gói số {seq}: số gói là số cuối tên tệp (…_0003.json "
            "là gói số 3); xem các gói đã xuất ở màn hình Xuất gói (F6). Chưa có gì thay đổi."
        )
    return agency.id, found


def mark_sent(
    ws: Workspace, agency_query: str, seq: int, day: str | dt.date | None = None
) -> SentMark:
    """Mark the agency's bundle `seq` sent on `day` (dd/mm/yyyy or a date; default today).

    An unknown seq, a day in the future or before the bundle was made is refused
    (ServiceError), nothing written.
    """
    agency_id, bundle = _bundle(ws, agency_query, seq)
    today = ws.clock.today()
    made = exported_on(bundle.created_at)
    text = format_day(day) if isinstance(day, dt.date) else (day or format_day(today))
    when = sent_day(text, today, made)
    changed = bundle.sent_on != when.isoformat()
    if changed:
        exports.mark_sent(ws.db, agency_id, seq, when.isoformat())
    return SentMark(seq, bundle.period_id, bundle.file_name, when, changed)


def unmark_sent(ws: Workspace, agency_query: str, seq: int) -> SentMark:
    """Take back the sent mark of the agency's bundle `seq` (refused for an unknown seq)."""
    agency_id, bundle = _bundle(ws, agency_query, seq)
    changed = bundle.sent_on is not None
    if changed:
        exports.mark_sent(ws.db, agency_id, seq, None)
    return SentMark(seq, bundle.period_id, bundle.file_name, None, changed)
