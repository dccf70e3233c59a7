"""The office's decisions on stored bundles: what a fork changes, and setting aside.

Setting aside an accepted bundle (a seq far ahead, a wrong date) leaves the bundle
contract alone: the chain's head is simply the latest bundle still accepted, so the
agency's next real bundle is judged against the one before the bad one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from cchc_tui.domain.office.records import TaskRecord, records_of
from cchc_tui.domain.progress import STATUS_LABELS, format_percent
from cchc_tui.domain.text import nfc
from cchc_tui.services.errors import ServiceError
from cchc_tui.services.office.bundles import STATE_LABELS, BundleDetail, bundle_detail
from cchc_tui.services.workspace import Workspace
from cchc_tui.store import office as store
from cchc_tui.store import office_writes


@dataclass(frozen=True)
class Difference:
    """One task whose status, progress or text differs between two bundles of a seq."""

    task: str
    field: str
    accepted: str
    fork: str


def _fields(record: TaskRecord | None) -> dict[str, str]:
    if record is None:
        return {"Tình trạng": "— (không có trong gói)"}
    return {
        "Tình trạng": STATUS_LABELS.get(record.status, record.status),
        "Tiến độ": format_percent(record.progress_bp),
        "Kết quả": record.result,
        "Khó khăn": record.difficulties,
        "Đề xuất": record.proposals,
        "Chỉ tiêu": "; ".join(
            f"{i.indicator_id}: {i.numerator}/{i.denominator}" for i in record.indicators
        ),
    }


def _records(body_sha256: str, conn) -> dict[str, TaskRecord]:
    body = json.loads(store.bundle_body(body_sha256, conn=conn) or "{}")
    return {r.task: r for r in records_of(body)}


@dataclass(frozen=True)
class ForkComparison:
    """A fork next to the accepted bundle of the same seq."""

    fork: BundleDetail
    accepted: BundleDetail | None
    differences: tuple[Difference, ...]


def compare_fork(ws: Workspace, body_sha256: str) -> ForkComparison:
    """The tasks whose status, progress or text differ, accepted value beside the fork's."""
    fork = bundle_detail(ws, body_sha256)
    with ws.db.read() as conn:
        other = office_writes.accepted_at(fork.agency_id, fork.seq, conn=conn)
        mine = _records(body_sha256, conn)
        theirs = _records(other, conn) if other else {}
    out = []
    for task in sorted(set(mine) | set(theirs)):
        a, f = _fields(theirs.get(task)), _fields(mine.get(task))
        out.extend(
            Difference(task, name, a.get(name, ""), f.get(name, ""))
            for name in dict.fromkeys([*a, *f])
            if a.get(name, "") != f.get(name, "")
        )
    accepted = bundle_detail(ws, other) if other else None
    return ForkComparison(fork, accepted, tuple(out))


def set_aside(ws: Workspace, body_sha256: str, note: str) -> BundleDetail:
    """Set aside an accepted bundle with a note; the agency's chain head goes back one."""
    note = nfc(note).strip()
    if not note:
        raise ServiceError("Ghi rõ lý do gác lại gói (ví dụ: số thứ tự sai, cơ quan xác nhận).")
    with ws.db.write_sql() as conn:
        meta = store.bundle_meta(body_sha256, conn=conn)
        if meta is None:
            raise ServiceError(f"Không có gói báo cáo {body_sha256[:12]}… trong dữ liệu của Sở.")
        if meta.state != store.ACCEPTED:
            raise ServiceError(
                f"Gói {body_sha256[:12]} không phải gói đang được nhận"
                f" (hiện: {STATE_LABELS[meta.state]}): không có gì thay đổi."
            )
        office_writes.set_aside_accepted(
            meta.agency_id, meta.seq, at=ws.clock.now_iso(), note=note, conn=conn
        )
    return bundle_detail(ws, body_sha256)
