"""Checks before the chain: the contract's (bundle package), then the office's own rules."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from pathlib import Path

from cchc_tui.domain.periods import period_label
from cchc_tui.services.office.outcome import ImportOutcome
from cchc_tui.services.workspace import Workspace
from cchc_tui.store import office as store


@dataclass
class Checked:
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
class Refusal:
    """A file that failed a check before the chain, with what is kept about it."""

    outcome: ImportOutcome
    code: str
    raw: bytes | None


def _claimed(path: Path) -> tuple[str | None, str | None, int | None]:
    """Agency, period and seq as the file name claims them (`agency_2025-Q1_0003.json`)."""
    from cchc_tui.services.office.refused import claimed_by_name

    return claimed_by_name(path.name)


class CheckContext:
    """What every file is checked against: keyring, registry, plan, today."""

    def __init__(self, ws: Workspace) -> None:
        from cchc_tui.domain.bundle.verify import RegisteredKey
        from cchc_tui.services.catalog import load_plan, load_registry
        from cchc_tui.services.plans import held_plans, plan_by_id

        self.plan = load_plan(ws)
        self.plans = {p.id: plan_by_id(ws, p.id) for p in held_plans(ws)}
        """Every plan the office holds: a bundle for any of them is accepted."""
        self.registry = load_registry(ws, refresh=True)
        self.periods = {p.id: p for p in self.plan.periods}
        self.received_at = ws.clock.now_iso()
        self.today = ws.clock.today()
        with ws.db.read() as conn:
            keys = store.registered_keys(conn=conn)
            self.held = store.held_bodies(conn=conn)
        self.keys = {
            k.key_id: RegisteredKey(
                agency_id=k.agency_id, public_key=base64.b64decode(k.public_key), key_id=k.key_id
            )
            for k in keys
        }
        self.standing = {k.key_id: store.standing_of(k) for k in keys}


def _ratio_refusal(plan, records: list[dict]) -> str | None:
    """A count may travel as numerator over 1 (the bundle allows it): for an indicator the
    plan makes a % ratio, a numerator above its denominator is refused."""
    ratios = {i.id for i in plan.indicators if not i.is_count}
    for record in records:
        for v in record["indicators"]:
            if v["id"] in ratios and v["numerator"] > v["denominator"]:
                return (
                    f"Nhiệm vụ {record['task']}: chỉ tiêu {v['id']} là tỷ lệ %, tử số "
                    f"({v['numerator']}) lớn hơn mẫu số ({v['denominator']}): đề nghị cơ quan "
                    "sửa số liệu và xuất lại."
                )
    return None


def check_file(ctx: CheckContext, index: int, path: Path) -> Checked | Refusal:
    """Contract checks (bundle package), then the office's own: key standing, agency, period.

    A bundle the office already holds passes on to the chain (a duplicate), even if its
    key has been revoked since: what was accepted stays accepted.
    """
    from cchc_tui.domain.bundle.errors import BundleError
    from cchc_tui.domain.bundle.strictjson import read_capped
    from cchc_tui.domain.bundle.verify import verify_bundle
    from cchc_tui.domain.office.rules import agency_refusal, key_refusal

    agency_id, period_id, seq = _claimed(path)

    def refuse(reason: str, code: str, raw: bytes | None = None, **claimed) -> Refusal:
        outcome = ImportOutcome(
            str(path),
            claimed.get("agency_id", agency_id),
            claimed.get("period", period_id),
            claimed.get("seq", seq),
            "rejected",
            reason,
        )
        return Refusal(outcome, code, raw)

    try:
        raw = read_capped(path)
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
        from cchc_tui.services.office.refused import claimed_by_content

        said = claimed_by_content(raw)  # unverified: only where the name says nothing
        found = {
            "agency_id": agency_id or said[0],
            "period": period_id or said[1],
            "seq": seq if seq is not None else said[2],
        }
        return refuse(exc.reason, exc.code, raw, **found)
    body = verified.body
    claimed = {"agency_id": verified.agency_id, "period": verified.period, "seq": verified.seq}
    standing = ctx.standing[verified.key_id]
    reason = key_refusal(standing, body["created_at"], ctx.today)
    plan_id = body["plan"]["id"]
    plan = ctx.plans.get(plan_id, ctx.plan)
    period = next((p for p in plan.periods if p.id == verified.period), None)
    agency = ctx.registry.get(verified.agency_id)
    if reason is None and period is None:
        reason = (
            f"Kỳ {period_label(verified.period)} không thuộc kế hoạch {plan.number}: "
            "đề nghị cơ quan kiểm tra kỳ báo cáo và xuất lại."
        )
    if reason is None and agency is None:
        reason = f"Cơ quan '{verified.agency_id}' không có trong danh mục của Sở."
    if reason is None:
        reason = agency_refusal(agency, period, body["created_at"])
    if reason is None and plan_id not in ctx.plans:
        reason = (
            f"Gói báo cáo theo kế hoạch '{plan_id}', Sở chưa có kế hoạch này: nạp kế hoạch "
            "(cchc plan import) rồi nhận lại tệp."
        )
    if reason is None:
        reason = _ratio_refusal(plan, body["records"])
    if reason is not None and verified.body_sha256 not in ctx.held:
        return refuse(reason, "policy", raw, **claimed)
    return Checked(
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
