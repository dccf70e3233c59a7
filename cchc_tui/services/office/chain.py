"""Step 4: a verified bundle's place in its agency's chain, one transaction per file."""

from __future__ import annotations

import hashlib
from pathlib import Path

from cchc_tui.services.office.checks import CheckContext, Checked, Refusal
from cchc_tui.services.office.outcome import ImportOutcome
from cchc_tui.services.workspace import Workspace
from cchc_tui.store import office as store
from cchc_tui.store import office_writes

FORK_PENDING = ": đã lưu nhưng chưa dùng, chờ cán bộ quyết định (cchc receiver forks)."


def fork_reason(seq: int, last_seq: int, same_seq_sha256: str | None) -> str:
    """What differs in a fork: the same seq with other content, or the next seq whose
    prev hash is not the bundle the office holds (never "same seq" when seqs differ)."""
    if seq == last_seq or same_seq_sha256 is not None:
        return f"Cùng số thứ tự {seq} với gói đã nhận nhưng nội dung khác (rẽ nhánh)"
    held = f"gói số {last_seq}" if last_seq else "gói đầu tiên (chưa nhận gói nào)"
    return (
        f"Gói số {seq} đúng là số tiếp theo sau gói số {last_seq} đã nhận, nhưng mã của gói "
        f"trước ghi trong gói không khớp {held} Sở đang giữ (rẽ nhánh; cơ quan có thể đã "
        "khôi phục dữ liệu cũ hoặc ký từ máy khác)"
    )


def _rejected(
    file_sha256: str, received_at: str, outcome: ImportOutcome, code: str
) -> store.RejectedFile:
    """What is kept of a refused file (once per file content)."""
    return store.RejectedFile(
        file_sha256=file_sha256,
        file_name=Path(outcome.file).name,
        received_at=received_at,
        agency_id=outcome.agency_id,
        period_id=outcome.period,
        seq=outcome.seq,
        code=code,
        reason=outcome.reason,
    )


def store_rejection(ws: Workspace, ctx: CheckContext, refusal: Refusal) -> None:
    """Keep a refused file's facts once per file content (by name when it was not read)."""
    outcome = refusal.outcome
    if refusal.code in ("missing", "not_a_file"):  # nothing was read: nothing to keep
        return
    raw = refusal.raw if refusal.raw is not None else f"unread:{Path(outcome.file).name}".encode()
    rejected = _rejected(hashlib.sha256(raw).hexdigest(), ctx.received_at, outcome, refusal.code)
    with ws.db.write_sql() as conn:
        office_writes.keep_rejection(rejected, conn=conn)


def apply_to_chain(ws: Workspace, ctx: CheckContext, item: Checked) -> ImportOutcome:
    """Place one verified bundle in its agency's chain, in one transaction."""
    from cchc_tui.domain.bundle.verify import chain_verdict

    def outcome(verdict: str, reason: str) -> ImportOutcome:
        return ImportOutcome(
            str(item.path), item.agency_id, item.period_id, item.seq, verdict, reason
        )

    with ws.db.write_sql() as conn:
        held = office_writes.held_state(item.body_sha256, conn=conn)
        if held is not None:
            if held == store.FORK:
                return outcome(
                    "fork",
                    f"Gói rẽ nhánh số {item.seq} đã được lưu từ trước và vẫn chờ cán bộ quyết định.",
                )
            return outcome("duplicate", "Gói này đã được nhận trước đây: không có gì thay đổi.")
        last_seq, last_hash = office_writes.last_accepted(item.agency_id, conn=conn) or (0, None)
        same_seq = office_writes.accepted_at(item.agency_id, item.seq, conn=conn)
        verdict = chain_verdict(
            last_seq=last_seq,
            last_sha256=last_hash,
            seq=item.seq,
            prev_sha256=item.prev_sha256,
            body_sha256=item.body_sha256,
            same_seq_sha256=same_seq,
        )
        # "duplicate" cannot come back here: a body already held returned above.
        if verdict == "replay":
            rejected = outcome(
                "replay",
                f"Gói số {item.seq} cũ hơn gói mới nhất đã nhận của cơ quan (số {last_seq}): "
                "gói cũ gửi lại, không nhận.",
            )
            office_writes.keep_rejection(
                _rejected(item.file_sha256, ctx.received_at, rejected, "replay"), conn=conn
            )
            return rejected
        state = store.FORK if verdict == "fork" else store.ACCEPTED
        gap_after = last_seq if verdict == "gap" else None
        meta = store.BundleMeta(
            body_sha256=item.body_sha256,
            agency_id=item.agency_id,
            period_id=item.period_id,
            seq=item.seq,
            prev_sha256=item.prev_sha256,
            key_id=item.key_id,
            created_at=item.created_at,
            received_at=ctx.received_at,
            file_name=item.path.name,
            state=state,
            gap_after=gap_after,
        )
        office_writes.insert_bundle(
            meta, plan_id=item.plan_id, envelope=item.raw, body=item.body_text, conn=conn
        )
        if state == store.ACCEPTED:
            office_writes.forget_rejection(item.file_sha256, conn=conn)
    if verdict == "fork":
        return outcome("fork", fork_reason(item.seq, last_seq, same_seq) + FORK_PENDING)
    if verdict == "gap":
        missing = (
            f"số {last_seq + 1}"
            if item.seq - last_seq == 2
            else f"số {last_seq + 1} đến {item.seq - 1}"
        )
        return outcome(
            "gap",
            f"Hợp lệ, đã nhận; nhưng chưa nhận gói {missing} của cơ quan: "
            "đề nghị cơ quan cho biết các gói đó thuộc kỳ nào.",
        )
    return outcome("accepted", f"Hợp lệ, đã nhận (khóa {item.fingerprint}).")
