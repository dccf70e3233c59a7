"""Drill-down to the bundle behind a cell, and the forks held for a person to decide."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from cchc_tui.domain.agencies import AgencyRegistry
from cchc_tui.domain.office import rules
from cchc_tui.domain.office.records import records_of
from cchc_tui.domain.text import nfc
from cchc_tui.services.catalog import load_plan, load_registry
from cchc_tui.services.errors import ServiceError
from cchc_tui.services.office.keyring import key_status
from cchc_tui.services.workspace import Workspace
from cchc_tui.store import office as store
from cchc_tui.store import office_writes
from cchc_tui.store.database import Connection

STATE_LABELS = {
    store.ACCEPTED: "đã nhận",
    store.FORK: "rẽ nhánh, chờ quyết định",
    store.SET_ASIDE: "đã gác lại",
}
MIN_PREFIX = 12


@dataclass(frozen=True)
class BundleDetail:
    """Where a figure came from: agency, seq, signer, key and when it arrived."""

    body_sha256: str
    agency_id: str
    agency_name: str
    period_id: str
    seq: int
    prev_sha256: str
    state: str
    gap_after: int | None
    signer: str
    signer_title: str
    key_id: str
    fingerprint: str
    key_status: str
    created_at: str
    received_at: str
    file_name: str
    records: int
    reported: int
    suspicion: str | None = None
    """Why this valid bundle looks wrong (seq far ahead, signed before its period), or None."""

    @property
    def state_label(self) -> str:
        """Vietnamese state."""
        return STATE_LABELS[self.state]

    def to_dict(self) -> dict:
        """JSON form of `cchc receiver forks --json`."""
        return {
            "body_sha256": self.body_sha256,
            "agency_id": self.agency_id,
            "period": self.period_id,
            "seq": self.seq,
            "state": self.state,
            "signer": self.signer,
            "fingerprint": self.fingerprint,
            "created_at": self.created_at,
            "received_at": self.received_at,
            "file_name": self.file_name,
        }


@dataclass(frozen=True)
class Rejection:
    """A refused file claiming this agency and period."""

    file_name: str
    received_at: str
    seq: int | None
    reason: str


@dataclass(frozen=True)
class CellDetail:
    """Everything received for one agency and period, newest bundle first."""

    agency_id: str
    agency_name: str
    period_id: str
    bundles: tuple[BundleDetail, ...]
    rejections: tuple[Rejection, ...]

    @property
    def counted(self) -> BundleDetail | None:
        """The bundle whose figures count: the latest accepted one."""
        return next((b for b in self.bundles if b.state == store.ACCEPTED), None)


def period_starts(ws: Workspace) -> dict[str, dt.date]:
    """First day of every period of the plan."""
    return {p.id: p.start for p in load_plan(ws).periods}


def _detail(
    registry: AgencyRegistry,
    meta: store.BundleMeta,
    conn: Connection,
    starts: dict[str, dt.date] | None = None,
) -> BundleDetail:
    key = store.registered_key(meta.key_id, conn=conn)
    body = json.loads(store.bundle_body(meta.body_sha256, conn=conn))
    records = records_of(body)
    signer = body.get("signer") if isinstance(body.get("signer"), dict) else {}
    agency = registry.get(meta.agency_id)
    return BundleDetail(
        body_sha256=meta.body_sha256,
        agency_id=meta.agency_id,
        agency_name=agency.name if agency else meta.agency_id,
        period_id=meta.period_id,
        seq=meta.seq,
        prev_sha256=meta.prev_sha256,
        state=meta.state,
        gap_after=meta.gap_after,
        signer=str(signer.get("officer", "")),
        signer_title=str(signer.get("title", "")),
        key_id=meta.key_id,
        fingerprint=key.fingerprint,
        key_status=key_status(key.retired_at, key.revoked_on),
        created_at=meta.created_at,
        received_at=meta.received_at,
        file_name=meta.file_name,
        records=len(records),
        reported=sum(1 for r in records if r.reported),
        suspicion=rules.suspicion(meta.seq, meta.gap_after, meta.created_at, starts[meta.period_id])
        if starts and meta.period_id in starts
        else None,
    )


def bundle_detail(ws: Workspace, body_sha256: str) -> BundleDetail:
    """One stored bundle by its identity (SHA-256 of the body)."""
    registry = load_registry(ws)
    with ws.db.read() as conn:
        meta = store.bundle_meta(body_sha256, conn=conn)
        if meta is None:
            raise ServiceError(f"Không có gói báo cáo {body_sha256[:12]}… trong dữ liệu của Sở.")
        return _detail(registry, meta, conn, period_starts(ws))


def cell_detail(ws: Workspace, agency_id: str, period_id: str) -> CellDetail:
    """Bundles (of the plan being worked on) and refused files of an agency for a period."""
    registry = load_registry(ws)
    agency = registry.get(agency_id)
    plan_id = load_plan(ws).id
    with ws.db.read() as conn:
        metas = [
            m
            for m in store.bundles(conn=conn, period_ids=[period_id], plan_id=plan_id)
            if m.agency_id == agency_id
        ]
        starts = period_starts(ws)
        details = tuple(
            _detail(registry, m, conn, starts) for m in sorted(metas, key=lambda m: -m.seq)
        )
        refused = tuple(
            Rejection(r.file_name, r.received_at, r.seq, r.reason)
            for r in store.rejections(conn=conn, period_ids=[period_id])
            if r.agency_id == agency_id
        )
    return CellDetail(agency_id, agency.name if agency else agency_id, period_id, details, refused)


def held_forks(ws: Workspace) -> list[BundleDetail]:
    """Forks waiting for a person's decision."""
    registry = load_registry(ws)
    starts = period_starts(ws)
    with ws.db.read() as conn:
        return [
            _detail(registry, m, conn, starts)
            for m in store.bundles(conn=conn)
            if m.state == store.FORK
        ]


def resolve_bundle(ws: Workspace, prefix: str) -> str:
    """The full identity of the one stored bundle whose SHA-256 starts with `prefix`."""
    prefix = prefix.strip().lower()
    if len(prefix) < MIN_PREFIX:
        raise ServiceError(f"Mã gói cần ít nhất {MIN_PREFIX} ký tự đầu (xem: cchc receiver forks).")
    with ws.db.read() as conn:
        found = store.bundle_ids_starting(prefix, conn=conn)
    if len(found) != 1:
        raise ServiceError(f"Không xác định được gói '{prefix}' (khớp {len(found)} gói).")
    return found[0]


def decide_fork(ws: Workspace, body_sha256: str, *, use: bool, note: str) -> BundleDetail:
    """Settle a fork: use it in place of the accepted bundle of that seq, or set it aside.

    The check that the bundle is still a fork and the change are one write transaction:
    a decision taken meanwhile elsewhere (another window, another clerk) is not overwritten.
    """
    note = nfc(note).strip()
    if not note:
        raise ServiceError("Ghi rõ căn cứ quyết định (ví dụ: đã gọi điện xác nhận với cơ quan).")
    now = ws.clock.now_iso()
    with ws.db.write_sql() as conn:
        meta = store.bundle_meta(body_sha256, conn=conn)
        if meta is None:
            raise ServiceError(
                "Không có gói rẽ nhánh nào đang chờ với mã này (xem: cchc receiver forks)."
            )
        if meta.state != store.FORK:
            raise ServiceError(
                f"Gói {body_sha256[:12]} không còn chờ quyết định (hiện: {STATE_LABELS[meta.state]})"
                ": có thể đã được quyết định ở nơi khác. Xem lại: cchc receiver forks."
            )
        if use:
            office_writes.set_aside_accepted(
                meta.agency_id,
                meta.seq,
                at=now,
                note=f"Thay bằng gói {body_sha256[:12]}: {note}",
                conn=conn,
            )
        office_writes.settle_fork(body_sha256, use=use, at=now, note=note, conn=conn)
    return bundle_detail(ws, body_sha256)
