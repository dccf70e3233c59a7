"""Import of emailed bundles: every file through the contract's checks, then the chain.

Files are verified first (any order), then applied per agency in seq order, one
transaction per file, so a folder of attachments imports the same whatever the
file names, and an interrupted import can simply be run again.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from cchc_tui.services.receiver import store
from cchc_tui.services.workspace import Workspace

MAX_BUNDLE_BYTES = 8 * 1024 * 1024
VERDICTS = ("accepted", "duplicate", "gap", "fork", "replay", "rejected")
VERDICT_LABELS = {
    "accepted": "nhận",
    "duplicate": "đã có",
    "gap": "nhận, thiếu gói trước",
    "fork": "rẽ nhánh, chờ xử lý",
    "replay": "gói cũ gửi lại, không nhận",
    "rejected": "không nhận",
}


@dataclass(frozen=True)
class ImportOutcome:
    """The verdict on one file."""

    file: str
    agency_id: str | None
    period: str | None
    seq: int | None
    verdict: str
    reason: str

    def to_dict(self) -> dict:
        """JSON form of `cchc import --json`."""
        return {
            "file": self.file,
            "agency_id": self.agency_id,
            "period": self.period,
            "seq": self.seq,
            "verdict": self.verdict,
            "reason": self.reason,
        }


@dataclass
class _Checked:
    """A file that passed every check before the chain."""

    index: int
    path: Path
    raw: bytes
    file_sha256: str
    agency_id: str
    period_id: str
    seq: int
    prev_sha256: str
    body_sha256: str
    key_id: str
    fingerprint: str
    plan_id: str
    created_at: str
    body_text: str


@dataclass(frozen=True)
class _Refusal:
    """A file that failed a check before the chain, with what is kept about it."""

    outcome: ImportOutcome
    code: str
    raw: bytes


def collect_files(paths: Iterable[Path]) -> list[Path]:
    """The files to import: each file as given; `*.json` under each folder, sorted."""
    found: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            found.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.is_file() and p.suffix.lower() == ".json" and not p.name.startswith(".")
            )
        else:
            found.append(path)
    return found


def _claimed(path: Path) -> tuple[str | None, str | None, int | None]:
    """Agency, period and seq as the file name claims them (`agency_2025-Q1_0003.json`)."""
    parts = path.stem.rsplit("_", 2)
    if len(parts) == 3 and parts[2].isdigit():
        return parts[0], parts[1], int(parts[2])
    return None, None, None


class _Context:
    """What every file is checked against: keyring, registry, plan, today."""

    def __init__(self, ws: Workspace) -> None:
        from cchc_tui.bundle.verify import RegisteredKey
        from cchc_tui.services.catalog import load_plan, load_registry

        self.plan = load_plan(ws)
        self.registry = load_registry(ws, refresh=True)
        self.periods = {p.id: p for p in self.plan.periods}
        self.received_at = ws.clock.now_iso()
        self.today = ws.clock.today()
        with ws.db.read() as conn:
            rows = store.key_rows(conn=conn)
            self.held = {r[0] for r in conn.execute("SELECT body_sha256 FROM received_bundle")}
        self.keys = {
            r["key_id"]: RegisteredKey(
                agency_id=r["agency_id"],
                public_key=base64.b64decode(r["public_key"]),
                key_id=r["key_id"],
            )
            for r in rows
        }
        self.standing = {r["key_id"]: store.standing_of(r) for r in rows}


def _check(ctx: _Context, index: int, path: Path) -> _Checked | _Refusal:
    """Contract checks (bundle package), then the office's own: key standing, agency, period.

    A bundle the office already holds passes on to the chain (a duplicate), even if its
    key has been revoked since: what was accepted stays accepted.
    """
    from cchc_tui.bundle.errors import BundleError
    from cchc_tui.bundle.strictjson import read_capped
    from cchc_tui.bundle.verify import verify_bundle
    from cchc_tui.receiver.rules import agency_refusal, key_refusal

    agency_id, period_id, seq = _claimed(path)

    def refuse(reason: str, code: str, raw: bytes = b"", **claimed) -> _Refusal:
        outcome = ImportOutcome(
            str(path),
            claimed.get("agency_id", agency_id),
            claimed.get("period", period_id),
            claimed.get("seq", seq),
            "rejected",
            reason,
        )
        return _Refusal(outcome, code, raw)

    try:
        raw = read_capped(path, MAX_BUNDLE_BYTES)
    except FileNotFoundError:
        return refuse("Không thấy tệp.", "missing")
    except IsADirectoryError:
        return refuse("Đây là thư mục, không phải tệp.", "missing")
    except OSError as exc:
        return refuse(f"Không đọc được tệp: {exc.strerror}.", "unreadable")
    except BundleError as exc:
        return refuse(exc.reason, exc.code)
    try:
        verified = verify_bundle(raw, ctx.keys.get)
    except BundleError as exc:
        return refuse(exc.reason, exc.code, raw)
    body = verified.body
    claimed = {"agency_id": verified.agency_id, "period": verified.period, "seq": verified.seq}
    standing = ctx.standing[verified.key_id]
    reason = key_refusal(standing, body["created_at"], ctx.today)
    period = ctx.periods.get(verified.period)
    agency = ctx.registry.get(verified.agency_id)
    if reason is None and period is None:
        reason = (
            f"Kỳ {verified.period} không thuộc kế hoạch {ctx.plan.number}: "
            "đề nghị cơ quan kiểm tra kỳ báo cáo và xuất lại."
        )
    if reason is None and agency is None:
        reason = f"Cơ quan '{verified.agency_id}' không có trong danh mục của Sở."
    if reason is None:
        reason = agency_refusal(agency, period, body["created_at"])
    plan_id = body["plan"]["id"]
    if reason is None and plan_id != ctx.plan.id:
        reason = (
            f"Gói báo cáo theo kế hoạch '{plan_id}', không phải kế hoạch {ctx.plan.number} "
            "đang theo dõi."
        )
    if reason is not None and verified.body_sha256 not in ctx.held:
        return refuse(reason, "policy", raw, **claimed)
    return _Checked(
        index=index,
        path=path,
        raw=raw,
        file_sha256=hashlib.sha256(raw).hexdigest(),
        agency_id=verified.agency_id,
        period_id=verified.period,
        seq=verified.seq,
        prev_sha256=verified.prev_sha256,
        body_sha256=verified.body_sha256,
        key_id=verified.key_id,
        fingerprint=verified.fingerprint,
        plan_id=plan_id,
        created_at=body["created_at"],
        body_text=verified.body_bytes.decode("utf-8"),
    )


def _store_rejection(ws: Workspace, ctx: _Context, refusal: _Refusal) -> None:
    outcome = refusal.outcome
    raw = refusal.raw or Path(outcome.file).name.encode("utf-8")
    with ws.db.write_sql() as conn:
        conn.execute(
            "INSERT OR IGNORE INTO rejected_file (file_sha256, file_name, received_at,"
            " agency_id, period_id, seq, code, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                hashlib.sha256(raw).hexdigest(),
                Path(outcome.file).name,
                ctx.received_at,
                outcome.agency_id,
                outcome.period,
                outcome.seq,
                refusal.code,
                outcome.reason,
            ),
        )


def _apply(ws: Workspace, ctx: _Context, item: _Checked) -> ImportOutcome:
    """Place one verified bundle in its agency's chain, in one transaction."""
    from cchc_tui.bundle.verify import chain_verdict

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
        if verdict == "duplicate":
            return outcome("duplicate", "Gói này đã được nhận trước đây: không có gì thay đổi.")
        if verdict == "replay":
            rejected = outcome(
                "replay",
                f"Gói số {item.seq} cũ hơn gói mới nhất đã nhận của cơ quan (số {last_seq}): "
                "gói cũ gửi lại, không nhận.",
            )
            conn.execute(
                "INSERT OR IGNORE INTO rejected_file (file_sha256, file_name, received_at,"
                " agency_id, period_id, seq, code, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    item.file_sha256,
                    item.path.name,
                    ctx.received_at,
                    item.agency_id,
                    item.period_id,
                    item.seq,
                    "replay",
                    rejected.reason,
                ),
            )
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


def import_files(
    ws: Workspace,
    paths: Iterable[Path],
    on_progress: Callable[[int, int], None] | None = None,
) -> list[ImportOutcome]:
    """Import files and folders; one outcome per file, in the order the files were listed."""
    files = collect_files(paths)
    ctx = _Context(ws)
    total = len(files) * 2
    results: dict[int, ImportOutcome] = {}
    checked: list[_Checked] = []
    for index, path in enumerate(files):
        item = _check(ctx, index, path)
        if isinstance(item, _Refusal):
            _store_rejection(ws, ctx, item)
            results[index] = item.outcome
        else:
            checked.append(item)
        if on_progress:
            on_progress(index + 1, total)
    checked.sort(key=lambda c: (c.agency_id, c.seq, c.index))
    done = len(files) + len(results)
    if on_progress and results:
        on_progress(done, total)
    for item in checked:
        results[item.index] = _apply(ws, ctx, item)
        done += 1
        if on_progress:
            on_progress(done, total)
    return [results[i] for i in range(len(files))]


def outcomes_json(outcomes: list[ImportOutcome]) -> str:
    """The `--json` output."""
    return json.dumps([o.to_dict() for o in outcomes], ensure_ascii=False, indent=2)
