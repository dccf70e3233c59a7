"""Step 4: a verified bundle's place in its agency's chain, one transaction per file."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from cchc_tui.services.office.checks import CheckContext, Checked, Refusal
from cchc_tui.services.office.outcome import ImportOutcome
from cchc_tui.services.workspace import Workspace
from cchc_tui.store import office as store


def _keep_rejection(
    conn: sqlite3.Connection,
    file_sha256: str,
    received_at: str,
    outcome: ImportOutcome,
    code: str,
) -> None:
    """Record a refused file once per file content (a second refusal changes nothing)."""
    conn.execute(
        "INSERT OR IGNORE INTO rejected_file (file_sha256, file_name, received_at,"
        " agency_id, period_id, seq, code, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            file_sha256,
            Path(outcome.file).name,
            received_at,
            outcome.agency_id,
            outcome.period,
            outcome.seq,
            code,
            outcome.reason,
        ),
    )


def store_rejection(ws: Workspace, ctx: CheckContext, refusal: Refusal) -> None:
    """Keep a refused file's facts once per file content (by name when it was not read)."""
    outcome = refusal.outcome
    if refusal.code == "missing":
        return
    raw = refusal.raw if refusal.raw is not None else f"unread:{Path(outcome.file).name}".encode()
    with ws.db.write_sql() as conn:
        _keep_rejection(
            conn, hashlib.sha256(raw).hexdigest(), ctx.received_at, outcome, refusal.code
        )


def apply_to_chain(ws: Workspace, ctx: CheckContext, item: Checked) -> ImportOutcome:
    """Place one verified bundle in its agency's chain, in one transaction."""
    from cchc_tui.domain.bundle.verify import chain_verdict

    def outcome(verdict: str, reason: str) -> ImportOutcome:
        return ImportOutcome(
            str(item.path), item.agency_id, item.period_id, item.seq, verdict, reason
        )

    with ws.db.write_sql() as conn:
        held = conn.execute(
            "SELECT state, seq FROM received_bundle WHERE body_sha256 = ?", (item.body_sha256,)
        ).fetchone()
        if held is not None:
            if held["state"] == store.FORK:
                return outcome(
                    "fork",
                    f"Gói rẽ nhánh số {item.seq} đã được lưu từ trước và vẫn chờ cán bộ quyết định.",
                )
            return outcome("duplicate", "Gói này đã được nhận trước đây: không có gì thay đổi.")
        last = conn.execute(
            "SELECT seq, body_sha256 FROM received_bundle WHERE agency_id = ?"
            " AND state = 'accepted' ORDER BY seq DESC LIMIT 1",
            (item.agency_id,),
        ).fetchone()
        last_seq, last_hash = (last["seq"], last["body_sha256"]) if last else (0, None)
        same_seq = conn.execute(
            "SELECT body_sha256 FROM received_bundle WHERE agency_id = ? AND seq = ?"
            " AND state = 'accepted'",
            (item.agency_id, item.seq),
        ).fetchone()
        verdict = chain_verdict(
            last_seq=last_seq,
            last_sha256=last_hash,
            seq=item.seq,
            prev_sha256=item.prev_sha256,
            body_sha256=item.body_sha256,
            same_seq_sha256=same_seq[0] if same_seq else None,
        )
        # "duplicate" cannot come back here: a body already held returned above.
        if verdict == "replay":
            rejected = outcome(
                "replay",
                f"Gói số {item.seq} cũ hơn gói mới nhất đã nhận của cơ quan (số {last_seq}): "
                "gói cũ gửi lại, không nhận.",
            )
            _keep_rejection(conn, item.file_sha256, ctx.received_at, rejected, "replay")
            return rejected
        state = store.FORK if verdict == "fork" else store.ACCEPTED
        gap_after = last_seq if verdict == "gap" else None
        conn.execute(
            "INSERT INTO received_bundle (body_sha256, agency_id, period_id, seq, prev_sha256,"
            " key_id, plan_id, created_at, received_at, file_name, state, gap_after, envelope,"
            " body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                item.body_sha256,
                item.agency_id,
                item.period_id,
                item.seq,
                item.prev_sha256,
                item.key_id,
                item.plan_id,
                item.created_at,
                ctx.received_at,
                item.path.name,
                state,
                gap_after,
                item.raw,
                item.body_text,
            ),
        )
        if state == store.ACCEPTED:
            conn.execute("DELETE FROM rejected_file WHERE file_sha256 = ?", (item.file_sha256,))
    if verdict == "fork":
        return outcome(
            "fork",
            f"Cùng số thứ tự {item.seq} với gói đã nhận nhưng nội dung khác (rẽ nhánh): "
            "đã lưu nhưng chưa dùng, chờ cán bộ quyết định (cchc receiver forks).",
        )
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
