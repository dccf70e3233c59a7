"""On an agency's install: load the office's receipt for a bundle this agency signed, and
say on the dashboard what Sở Nội vụ received."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from cchc_tui.services.letters import (
    LetterRefused,
    keep_letter,
    office_keys_for,
    read_file,
    signed_in_time,
)
from cchc_tui.services.workspace import Workspace
from cchc_tui.store import letters as store


@dataclass(frozen=True)
class LoadedReceipt:
    """A verified receipt and whether it was new here."""

    agency_id: str
    period_id: str
    seq: int
    line: str
    new: bool


def receipt_line(seq: int, received_on: str, verdict: str, days_late: int) -> str:
    """`Sở Nội vụ đã nhận gói số 3 ngày 14/03/2025, đúng hạn` (or `trễ 2 ngày`)."""
    import datetime as dt

    from cchc_tui.domain.progress import format_day

    day = format_day(dt.date.fromisoformat(received_on))
    timing = "đúng hạn" if verdict == "on_time" else f"trễ {days_late} ngày"
    return f"Sở Nội vụ đã nhận gói số {seq} ngày {day}, {timing}"


def short_line(period_id: str, seq: int, received_on, days_late: int) -> str:
    """`2025-Q1: gói số 1, nhận 12/03/2025, đúng hạn`: a receipt in the letters list."""
    from cchc_tui.domain.periods import period_label
    from cchc_tui.domain.progress import format_day

    timing = f"trễ {days_late} ngày" if days_late else "đúng hạn"
    return f"{period_label(period_id)}: gói số {seq}, nhận {format_day(received_on)}, {timing}"


def add_receipt(ws: Workspace, path: Path) -> LoadedReceipt:
    """Verify a receipt against the pinned office key; it must name a bundle this install
    signed (same agency, seq and body). Refusals raise LetterRefused, nothing is stored."""
    from cchc_tui.domain.bundle.errors import BundleError
    from cchc_tui.domain.bundle.receipt import read_receipt
    from cchc_tui.domain.periods import period_label

    path = Path(path)
    raw = read_file(path)
    try:
        receipt, letter = read_receipt(raw, office_keys_for(ws))
    except BundleError as exc:
        raise LetterRefused(exc.reason, code=exc.code) from None
    signed_in_time(ws, letter.key_id, letter.issued_at)
    with ws.db.read() as conn:
        ours = store.exported_bundle(receipt.agency_id, receipt.seq, receipt.body_sha256, conn=conn)
    if not ours:
        raise LetterRefused(
            f"Giấy biên nhận ghi gói số {receipt.seq} kỳ {period_label(receipt.period)} của cơ quan "
            f"{receipt.agency_id}, nhưng máy này chưa từng ký gói đó. Không nhận; kiểm tra lại "
            "đã chọn đúng tệp, hoặc báo Sở Nội vụ."
        )
    line = receipt_line(
        receipt.seq, receipt.received_on.isoformat(), receipt.verdict, receipt.days_late
    )
    new = keep_letter(
        ws,
        letter,
        raw,
        kind="receipt",
        file_name=path.name,
        summary=short_line(receipt.period, receipt.seq, receipt.received_on, receipt.days_late),
        agency_id=receipt.agency_id,
        period_id=receipt.period,
    )
    return LoadedReceipt(receipt.agency_id, receipt.period, receipt.seq, line, new)


def latest_receipt(ws: Workspace, agency_id: str, period_id: str) -> tuple[str, int] | None:
    """What the dashboard says the office received for the period, and the seq the receipt
    names (the dashboard puts it in place of the latest bundle's line when it is that one)."""
    with ws.db.read() as conn:
        stored = store.latest_receipt(agency_id, period_id, conn=conn)
    if stored is None:
        return None
    body = json.loads(stored.body)
    line = receipt_line(body["seq"], body["received_on"], body["verdict"], body["days_late"])
    return line, body["seq"]
