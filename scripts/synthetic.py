"""Synthetic agencies, keys and signed bundles for tests and the benchmark.

Every bundle is real: built and signed with the bundle package, as an agency's export
would. Faults are chosen with a seeded random generator so a set is reproducible:
late and missing submissions, re-submissions, lost files (a gap in the chain),
duplicated, forked and tampered files.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass, field
from pathlib import Path

from cchc_tui.domain.agencies import Agency
from cchc_tui.domain.office import rules
from cchc_tui.domain.periods import ReportingPeriod
from cchc_tui.domain.plan import Plan
from cchc_tui.domain.roles import LEAD, PARTNER, ordered, resolve_roles

COMMUNE_STEMS = (
    "Tân Long",
    "Thái Bình",
    "Kim Phú",
    "Đội Cấn",
    "Lang Quán",
    "Chân Sơn",
    "Trung Môn",
    "Hoàng Khai",
    "Nhữ Hán",
    "Nhữ Khê",
    "Mỹ Bằng",
    "Phúc Ninh",
    "Xuân Vân",
    "Trung Trực",
    "Kiến Thiết",
    "Tứ Quận",
    "Thắng Quân",
    "Lực Hành",
    "Công Đa",
    "Quý Quân",
)
RESULTS = (
    "Đã ban hành kế hoạch triển khai, phân công nhiệm vụ cụ thể cho từng phòng, đơn vị; "
    "tổ chức hội nghị quán triệt đến toàn thể cán bộ, công chức.",
    "Hoàn thành rà soát, đánh giá thủ tục hành chính thuộc thẩm quyền; đề xuất đơn giản hóa "
    "một số thủ tục, cắt giảm thời gian giải quyết so với quy định.",
    "Tiếp tục duy trì Bộ phận tiếp nhận và trả kết quả; 100% hồ sơ được tiếp nhận, giải quyết "
    "trên Hệ thống thông tin một cửa điện tử của tỉnh.",
    "Đang triển khai; dự kiến hoàn thành trong quý tiếp theo theo đúng tiến độ kế hoạch.",
)
DIFFICULTIES = ("", "", "Nhân lực còn thiếu, trang thiết bị chưa đồng bộ.", "Kinh phí hạn chế.")


@dataclass
class SyntheticSet:
    """What was written: enrolment files, bundle files, and each file's expected verdict."""

    root: Path
    enrolments: dict[str, Path] = field(default_factory=dict)
    bundles: list[Path] = field(default_factory=list)
    expected: dict[str, str] = field(default_factory=dict)
    communes: dict[str, list[str]] = field(default_factory=dict)

    @property
    def bundle_dir(self) -> Path:
        """Folder of the bundle files (the 'saved attachments')."""
        return self.root / "bundles"


def commune_names(district: Agency, count: int) -> list[str]:
    """Names of the synthetic communes of a district (stable for a given count)."""
    base = district.short_name.split()[-1]
    return [f"Xã {COMMUNE_STEMS[i % len(COMMUNE_STEMS)]} {base} {i + 1}" for i in range(count)]


def synthetic_communes(districts: list[Agency], per_district: int) -> dict[str, list[Agency]]:
    """In-memory communes under each district, with the ids `add_commune` gives them."""
    from cchc_tui.services.agencies import commune_id

    out = {}
    for district in districts:
        out[district.id] = [
            Agency(
                id=commune_id(district.id, name),
                name=f"Ủy ban nhân dân {name[0].lower()}{name[1:]}",
                short_name=f"UBND {name[0].lower()}{name[1:]}",
                kind="commune",
                parent=district.id,
                valid_from=district.valid_from,
                valid_to=district.valid_to,
            )
            for name in commune_names(district, per_district)
        ]
    return out


def register_communes(ws, per_district: int) -> int:
    """Add the synthetic communes to a workspace's registry (skips those already there)."""
    from cchc_tui.services.agencies import add_commune
    from cchc_tui.services.catalog import load_registry

    registry = load_registry(ws)
    added = 0
    for district in registry.of_kind("district"):
        for agency, name in zip(
            synthetic_communes([district], per_district)[district.id],
            commune_names(district, per_district),
            strict=True,
        ):
            if agency.id not in registry:
                add_commune(ws, name, district.id)
                added += 1
    return added


def _stamp(day: dt.date, rng: random.Random) -> str:
    moment = dt.datetime(day.year, day.month, day.day, rng.randint(7, 17), rng.randint(0, 59))
    return moment.isoformat() + "+07:00"


def synthetic_records(
    plan: Plan, agency: Agency, period: ReportingPeriod, rng: random.Random, at: str
) -> list[dict]:
    records = []
    for task in plan.tasks:
        roles = resolve_roles(agency, task)
        if not plan.is_active(task, period) or not roles & {LEAD, PARTNER}:
            continue
        if rng.random() < 0.08:
            status, bp = "not_reported", 0
        else:
            status = rng.choice(("in_progress", "in_progress", "done", "not_started"))
            bp = {"done": 10_000, "not_started": 0}.get(status, rng.randrange(1, 100) * 100)
        reported = status != "not_reported"
        indicators = []
        if reported:
            for indicator in plan.indicators_for_task(task.code):
                if agency.kind in indicator.applies_to:
                    den = rng.randint(20, 900)
                    indicators.append(
                        {
                            "id": indicator.id,
                            "numerator": rng.randint(den // 3, den),
                            "denominator": den,
                        }
                    )
        records.append(
            {
                "task": task.code,
                "roles": ordered(roles),
                "status": status,
                "progress_bp": bp,
                "result": rng.choice(RESULTS) if reported else "",
                "difficulties": rng.choice(DIFFICULTIES) if reported else "",
                "proposals": "",
                "evidence": [
                    {
                        "number": f"{rng.randint(1, 400)}/KH-UBND",
                        "date": f"{period.year}-{rng.randint(1, period.end.month):02d}-{rng.randint(1, 28):02d}",
                        "summary": "Kế hoạch triển khai nhiệm vụ",
                    }
                    for _ in range(rng.randint(0, 2) if reported else 0)
                ],
                "indicators": indicators,
                "revision": {
                    "number": 1 if reported else 0,
                    "at": at if reported else "",
                    "by": "Cán bộ đầu mối" if reported else "",
                },
            }
        )
    return records


class AgencySigner:
    """One synthetic agency: its key and its chain of exports."""

    def __init__(self, agency: Agency) -> None:
        from cchc_tui.domain.bundle.keys import generate_signing_key, key_id

        self.agency = agency
        self.key = generate_signing_key()
        self.key_id = key_id(bytes(self.key.verify_key))
        self.seq = 0
        self.prev = "0" * 64

    def enrolment(self, created_at: str) -> bytes:
        from cchc_tui.domain.bundle.enrolment import make_enrolment

        return make_enrolment(
            self.key,
            agency_id=self.agency.id,
            agency_name=self.agency.name,
            officer="Cán bộ đầu mối",
            created_at=created_at,
        )

    def rotate(self, created_at: str, reason: str = "Đổi khóa định kỳ") -> bytes:
        """Switch to a new key; returns the statement signed by both keys (seq continues)."""
        from cchc_tui.domain.bundle.enrolment import make_rotation
        from cchc_tui.domain.bundle.keys import generate_signing_key, key_id

        new = generate_signing_key()
        statement = make_rotation(
            self.key, new, agency_id=self.agency.id, created_at=created_at, reason=reason
        )
        self.key, self.key_id = new, key_id(bytes(new.verify_key))
        return statement

    def export(
        self,
        plan: Plan,
        period: ReportingPeriod,
        records: list[dict],
        created_at: str,
        signer: dict | None = None,
    ) -> bytes:
        """Sign the next bundle of the chain and advance it (`signer`: officer and title)."""
        from cchc_tui.domain.bundle.body import build_body, sign_bundle
        from cchc_tui.domain.bundle.canonical import sha256_hex

        self.seq += 1
        body = build_body(
            plan_id=plan.id,
            plan_version=plan.version,
            agency_id=self.agency.id,
            period=period.id,
            seq=self.seq,
            prev_sha256=self.prev,
            key_id=self.key_id,
            created_at=created_at,
            app_version="synthetic",
            signer=signer or {"officer": "Cán bộ đầu mối", "title": "Chuyên viên"},
            records=records,
        )
        self.prev = sha256_hex(body)
        return sign_bundle(body, self.key)

    def fork(
        self,
        plan: Plan,
        period: ReportingPeriod,
        records: list[dict],
        created_at: str,
        seq: int,
        prev: str,
    ) -> bytes:
        """A second, different bundle with an already used seq (a restored backup, say)."""
        from cchc_tui.domain.bundle.body import build_body, sign_bundle

        body = build_body(
            plan_id=plan.id,
            plan_version=plan.version,
            agency_id=self.agency.id,
            period=period.id,
            seq=seq,
            prev_sha256=prev,
            key_id=self.key_id,
            created_at=created_at,
            app_version="synthetic-fork",
            signer={"officer": "Cán bộ khác", "title": ""},
            records=records,
        )
        return sign_bundle(body, self.key)


def tamper(envelope: bytes) -> bytes:
    """Change one character of the signed payload (still valid base64)."""
    doc = json.loads(envelope)
    payload = doc["payload"]
    middle = len(payload) // 2
    swap = "A" if payload[middle] != "A" else "B"
    doc["payload"] = payload[:middle] + swap + payload[middle + 1 :]
    return json.dumps(doc).encode("utf-8")


FAULT_RATES = {
    "never_sent": 0.03,
    "late": 0.10,
    "lost": 0.02,
    "duplicate": 0.02,
    "fork": 0.01,
    "tampered": 0.01,
    "resubmitted": 0.03,
}


def plan_faults(slots: list[tuple[str, str]], rng: random.Random) -> dict[tuple[str, str], str]:
    """A fault for some (agency, period) slots: each kind at its rate, at least once."""
    order = slots[:]
    rng.shuffle(order)
    faults, start = {}, 0
    for kind, rate in FAULT_RATES.items():
        count = max(1, round(rate * len(slots)))
        for slot in order[start : start + count]:
            faults[slot] = kind
        start += count
    return faults


def make_set(
    plan: Plan,
    agencies: list[Agency],
    periods: list[ReportingPeriod],
    root: Path,
    *,
    deadline_day: int = 15,
    seed: int = 56,
    faults: bool = True,
) -> SyntheticSet:
    """Write enrolments and bundles of `agencies` over `periods` under `root`."""
    from cchc_tui.services.export import bundle_file_name

    rng = random.Random(seed)
    out = SyntheticSet(Path(root))
    (out.root / "keys").mkdir(parents=True, exist_ok=True)
    out.bundle_dir.mkdir(parents=True, exist_ok=True)
    extra = out.bundle_dir / "z-extra"
    slots = [(a.id, p.id) for a in agencies for p in periods if rules.expected_in(a, p)]
    planned = plan_faults(slots, rng) if faults else {}
    for agency in agencies:
        agent = AgencySigner(agency)
        path = out.root / "keys" / f"{agency.id}.enrolment.json"
        path.write_bytes(agent.enrolment(_stamp(periods[0].start, rng)))
        out.enrolments[agency.id] = path
        for period in periods:
            if not rules.expected_in(agency, period):
                continue
            fault = planned.get((agency.id, period.id))
            if fault == "never_sent":
                continue
            deadline = period.deadline(deadline_day)
            shift = rng.randint(1, 20) if fault == "late" else -rng.randint(0, 12)
            day = deadline + dt.timedelta(days=shift)
            at = _stamp(day, rng)
            records = synthetic_records(plan, agency, period, rng, at)
            envelope = agent.export(plan, period, records, at)
            name = bundle_file_name(agency.id, period.id, agent.seq)
            if fault == "lost":
                continue  # exported, lost in the mail: the next bundle shows a gap
            _write(out, out.bundle_dir / name, envelope, "accepted")
            if fault == "duplicate":
                _write(out, extra / f"copy-{name}", envelope, "duplicate")
            elif fault == "fork":
                forked = agent.fork(plan, period, records[:-1], at, agent.seq, _prev_of(envelope))
                _write(out, extra / f"fork-{name}", forked, "fork")
            elif fault == "tampered":
                _write(out, extra / f"tampered-{name}", tamper(envelope), "rejected")
            elif fault == "resubmitted":
                again = _stamp(day + dt.timedelta(days=2), rng)
                update = agent.export(
                    plan, period, synthetic_records(plan, agency, period, rng, again), again
                )
                resent = bundle_file_name(agency.id, period.id, agent.seq)
                _write(out, out.bundle_dir / resent, update, "accepted")
    _mark_gaps(out)
    return out


def _prev_of(envelope: bytes) -> str:
    from cchc_tui.domain.bundle.envelope import b64decode_canonical

    return json.loads(b64decode_canonical(json.loads(envelope)["payload"]))["prev_sha256"]


def _write(out: SyntheticSet, path: Path, data: bytes, verdict: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    out.bundles.append(path)
    out.expected[str(path.relative_to(out.root))] = verdict


def _mark_gaps(out: SyntheticSet) -> None:
    """A bundle right after a lost one is accepted with a gap."""
    chains: dict[str, list[tuple[int, str]]] = {}
    for rel, verdict in out.expected.items():
        if verdict != "accepted":
            continue
        agency, _period, seq = Path(rel).stem.rsplit("_", 2)
        chains.setdefault(agency, []).append((int(seq), rel))
    for items in chains.values():
        last = 0
        for seq, rel in sorted(items):
            if seq > last + 1:
                out.expected[rel] = "gap"
            last = seq
