"""Export: sign the period's snapshot, commit it, write the file, read it back and verify."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cchc_tui import __version__
from cchc_tui.domain.progress import format_day, format_moment
from cchc_tui.services.catalog import find_agency, load_plan
from cchc_tui.services.errors import ServiceError
from cchc_tui.services.keys import KeyInfo, active_key, require_key, signer_of, unlock
from cchc_tui.services.reorganisation import agency_period, check_reporting
from cchc_tui.services.snapshot import Snapshot, period_snapshot
from cchc_tui.services.workspace import Workspace
from cchc_tui.store import exports


@dataclass(frozen=True)
class Submission:
    """The latest export of a period and whether the state changed since."""

    seq: int
    created_at: str
    file_name: str
    changed_since: bool
    key_id: str = ""
    sent_on: str | None = None
    """The day (ISO) the officer marked this bundle sent by email (services/sent.py)."""


@dataclass(frozen=True)
class ExportResult:
    """Where the bundle went and what it is."""

    path: Path
    seq: int
    replayed: bool
    body_sha256: str
    fingerprint: str
    unreported: list[str]
    earlier: Path | None = None
    """A bundle committed by an earlier export whose file was written only now: send it too."""


def bundle_file_name(agency_id: str, period_id: str, seq: int) -> str:
    """`so-noi-vu_2025-Q1_0003.json`."""
    return f"{agency_id}_{period_id}_{seq:04d}.json"


def submission_status(
    ws: Workspace, agency_id: str, period_id: str, snap: Snapshot | None = None
) -> Submission | None:
    """The period's latest export, flagged when edits came after it.

    The snapshot (`snap`, or built here) is only needed when the period was exported.
    """
    with ws.db.read() as conn:
        last = exports.latest_submission(agency_id, period_id, conn=conn)
    if last is None:
        return None
    if snap is None:
        snap = period_snapshot(ws, agency_id, period_id)
    changed = snap.state_sha256 != last.state_sha256
    return Submission(last.seq, last.created_at, last.file_name, changed, last.key_id, last.sent_on)


@dataclass(frozen=True)
class SlotLine:
    """One task slot as the export will carry it."""

    code: str
    title: str
    roles: list[str]
    status: str
    progress_bp: int
    result: str = ""
    evidence: int = 0
    """How many documents back the report."""


@dataclass(frozen=True)
class ExportPreview:
    """What will be sent, shown before signing: nothing is written to make it."""

    agency_name: str
    period_id: str
    period_label: str
    slots: list[SlotLine]
    unreported: list[str]
    signer: dict
    key: KeyInfo | None
    submission: Submission | None
    out_dir: Path
    refusal: str | None = None
    """Why the agency cannot export this period (it ended before the cut-off), or None."""

    @property
    def replays(self) -> bool:
        """True when exporting now rewrites the last bundle's exact bytes (nothing changed)."""
        s = self.submission
        return bool(s and not s.changed_since and self.key and s.key_id == self.key.key_id)


def submission_text(submission: Submission | None) -> str:
    """One sentence: not yet exported, changed since, exported but not marked sent, or
    marked sent (the dashboard puts Sở Nội vụ's receipt in its place once one is loaded)."""
    if submission is None:
        return "Chưa xuất gói nào cho kỳ này."
    seq = submission.seq
    if submission.changed_since:
        return (
            f"Đã sửa sau khi xuất gói số {seq} lúc {format_moment(submission.created_at)}: "
            "cần xuất lại để Sở Nội vụ nhận bản mới."
        )
    if submission.sent_on:  # the officer's word; only Sở Nội vụ's receipt says it arrived
        sent = format_day(dt.date.fromisoformat(submission.sent_on))
        return f"Đã gửi gói số {seq} ngày {sent}, chờ Sở Nội vụ xác nhận."
    made = format_day(dt.date.fromisoformat(submission.created_at[:10]))
    return f"Đã xuất gói số {seq} ngày {made} (chưa đánh dấu đã gửi)."


def export_preview(ws: Workspace, agency_query: str, period_id: str | None) -> ExportPreview:
    """The period's slots, what is unreported, the signer, the key and the last submission.

    Without `period_id`, the agency's default period; for a period the agency is not
    expected to report (it ended before the cut-off), `refusal` says why.
    """
    agency = find_agency(ws, agency_query)
    period = agency_period(ws, agency, period_id)
    try:
        check_reporting(ws, agency, period)
        refusal = None
    except ServiceError as exc:
        refusal = str(exc)
    snap = period_snapshot(ws, agency.id, period.id)
    tasks = load_plan(ws).by_code
    slots = [
        SlotLine(
            r["task"],
            tasks[r["task"]].title,
            r["roles"],
            r["status"],
            r["progress_bp"],
            r["result"],
            len(r["evidence"]),
        )
        for r in snap.records
    ]
    return ExportPreview(
        agency.name,
        period.id,
        period.label,
        slots,
        snap.unreported,
        signer_of(ws, agency.id),
        active_key(ws, agency.id),
        submission_status(ws, agency.id, period.id, snap),
        ws.exports_dir,
        refusal,
    )


def _same_state(state_sha256: str, key_id: str, snap: Snapshot, key: KeyInfo) -> bool:
    """A stored bundle of the period carries this very state under this key."""
    return state_sha256 == snap.state_sha256 and key_id == key.key_id


def _commit_bundle(
    ws: Workspace, snap: Snapshot, key: KeyInfo, passphrase: str, *, resend: bool = False
) -> tuple[int, bytes, bool]:
    """Reuse the stored bundle of an unchanged state, else sign and commit the next seq.

    `resend` signs the same state under the next seq: for a bundle lost in the mail
    after a later one arrived, which the receiver would refuse as a replay.
    The slow unlock (argon2id) runs before the write lock is taken.
    """
    from cchc_tui.domain.bundle.body import ZERO_SHA256, build_body, sign_bundle
    from cchc_tui.domain.bundle.canonical import sha256_hex

    with ws.db.read() as conn:
        same = exports.latest_export(snap.agency_id, snap.period_id, conn=conn)
    if not resend and same is not None and _same_state(same.state_sha256, same.key_id, snap, key):
        return same.seq, same.envelope, True
    signing_key = unlock(key, passphrase)
    signer = signer_of(ws, snap.agency_id)
    with exports.export_chain(ws.db, snap.agency_id) as chain:
        last = chain.head
        if (  # another export of this very state committed since the read: replay it
            not resend
            and last is not None
            and last.period_id == snap.period_id
            and _same_state(last.state_sha256, last.key_id, snap, key)
        ):
            return last.seq, last.envelope, True
        seq = last.seq + 1 if last else 1
        prev = last.body_sha256 if last else ZERO_SHA256
        created_at = ws.clock.now_iso()
        body = build_body(
            plan_id=snap.plan_id,
            plan_version=snap.plan_version,
            agency_id=snap.agency_id,
            period=snap.period_id,
            seq=seq,
            prev_sha256=prev,
            key_id=key.key_id,
            created_at=created_at,
            app_version=__version__,
            signer=signer,
            records=snap.records,
        )
        envelope = sign_bundle(body, signing_key)
        chain.append(
            exports.NewExport(
                agency_id=snap.agency_id,
                seq=seq,
                key_id=key.key_id,
                period_id=snap.period_id,
                plan_id=snap.plan_id,
                state_sha256=snap.state_sha256,
                body_sha256=sha256_hex(body),
                prev_sha256=prev,
                envelope=envelope,
                created_at=created_at,
                file_name=bundle_file_name(snap.agency_id, snap.period_id, seq),
            )
        )
    return seq, envelope, False


def export_period(
    ws: Workspace,
    agency_query: str,
    period_id: str | None,
    passphrase: str,
    out_dir: Path | None = None,
    *,
    resend: bool = False,
) -> ExportResult:
    """Sign and write the period's bundle; replays the stored bytes when nothing changed.

    The bundle is committed before its file is written; a bundle committed earlier
    whose file was never written is written first, with its stored bytes (`earlier`),
    so the office never sees a gap and a seq is never signed twice (bundle_files.py).
    """
    from cchc_tui.services.bundle_files import check_out_dir, finish_unwritten, write_checked

    agency = find_agency(ws, agency_query)
    period = agency_period(ws, agency, period_id)
    check_reporting(ws, agency, period)
    key = require_key(ws, agency.id)
    out = Path(out_dir or ws.exports_dir)
    check_out_dir(out, bundle_file_name(agency.id, period.id, 1))
    snap = period_snapshot(ws, agency.id, period.id)
    earlier = finish_unwritten(ws, agency.id, out)
    seq, envelope, replayed = _commit_bundle(ws, snap, key, passphrase, resend=resend)
    if earlier is not None and earlier.seq == seq:  # that unwritten bundle was this one
        written, earlier = earlier, None
    else:
        target = out / bundle_file_name(agency.id, period.id, seq)
        written = write_checked(ws, agency.id, seq, envelope, target)
    return ExportResult(
        written.path,
        seq,
        replayed,
        written.body_sha256,
        key.fingerprint,
        snap.unreported,
        earlier.path if earlier else None,
    )
