"""Receipts: after an import, one signed receipt per agency that has an accepted bundle
for the period — its latest seq and body hash, the day it counts as received, on time or
late (domain/office/rules.py, as the submissions grid says)."""

from __future__ import annotations

from pathlib import Path

from cchc_tui.domain.office import rules
from cchc_tui.services.catalog import find_period
from cchc_tui.services.office.office_key import unlock_office_key
from cchc_tui.services.office.submissions import submissions
from cchc_tui.services.settings import deadline_day
from cchc_tui.services.workspace import Workspace


def receipt_file_name(agency_id: str, period_id: str, seq: int) -> str:
    """`so-tu-phap_2025-Q1_bien-nhan_0003.json`: the receipt sent back to the agency."""
    return f"{agency_id}_{period_id}_bien-nhan_{seq:04d}.json"


def write_receipts(ws: Workspace, period_id: str, out_dir: Path, passphrase: str) -> list[Path]:
    """Sign and write the period's receipts into `out_dir`; the files written, by agency."""
    from cchc_tui.domain.bundle.receipt import LATE, ON_TIME, Receipt, make_receipt
    from cchc_tui.store.files import atomic_write_bytes

    period = find_period(ws, period_id)
    grid = submissions(ws, [period.id])
    signing_key = unlock_office_key(ws, passphrase)
    deadline = period.deadline(deadline_day(ws))
    issued_at = ws.clock.now_iso()
    written = []
    for row in grid.rows:
        cell = row.cells[0]
        if cell.seq is None or cell.submitted_on is None or cell.body_sha256 is None:
            continue
        receipt = Receipt(
            agency_id=row.agency_id,
            period=period.id,
            seq=cell.seq,
            body_sha256=cell.body_sha256,
            received_on=cell.submitted_on,
            deadline=deadline,
            verdict=LATE if cell.status == rules.LATE else ON_TIME,
            days_late=cell.days if cell.status == rules.LATE else 0,
            issued_at=issued_at,
        )
        path = Path(out_dir) / receipt_file_name(row.agency_id, period.id, cell.seq)
        atomic_write_bytes(path, make_receipt(receipt, signing_key))
        written.append(path)
    return written
