"""Care of the data: the chain file's format, which chain head wins, backup names, and the
doctor's findings. Pure: no files, no database (store/care.py and services/care/ do I/O)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

CHAIN_FILE_VERSION = 1
HEX64 = re.compile(r"^[0-9a-f]{64}$")
AGENCY_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")


@dataclass(frozen=True)
class ChainHead:
    """The newest bundle an agency wrote to a file: the office may have it."""

    agency_id: str
    seq: int
    body_sha256: str


def chain_file_name(agency_id: str) -> str:
    """`so-noi-vu.chain.json`, beside the key files."""
    return f"{agency_id}.chain.json"


def chain_file_bytes(head: ChainHead, written_at: str) -> bytes:
    """The chain file: small, readable, one JSON object."""
    doc = {
        "version": CHAIN_FILE_VERSION,
        "agency_id": head.agency_id,
        "seq": head.seq,
        "body_sha256": head.body_sha256,
        "written_at": written_at,
    }
    return json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"


def parse_chain_file(data: bytes) -> ChainHead:
    """The head a chain file records; ValueError if it is not one."""
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError("not a chain file") from exc
    if not isinstance(doc, dict) or doc.get("version") != CHAIN_FILE_VERSION:
        raise ValueError("not a chain file")
    agency, seq, sha = doc.get("agency_id"), doc.get("seq"), doc.get("body_sha256")
    if not (isinstance(agency, str) and AGENCY_ID.match(agency)):
        raise ValueError("bad agency")
    if type(seq) is not int or seq < 1 or not (isinstance(sha, str) and HEX64.match(sha)):
        raise ValueError("bad head")
    return ChainHead(agency, seq, sha)


def higher_head(*heads: ChainHead | None) -> ChainHead | None:
    """The head with the highest seq (the first of equals); None when there is none.

    A chain never goes back: whatever source knows a later bundle wins.
    """
    best: ChainHead | None = None
    for head in heads:
        if head is not None and (best is None or head.seq > best.seq):
            best = head
    return best


def backup_name(agency_id: str | None, stamp: str) -> str:
    """`cchc-backup_so-noi-vu_20250310-091500.zip` (`stamp` from an ISO time)."""
    compact = stamp[:19].replace("-", "").replace(":", "").replace("T", "-")
    return f"cchc-backup_{agency_id or 'chua-chon'}_{compact}.zip"


BACKUP_NAME = re.compile(r"^cchc-backup_([a-z0-9-]+)_(\d{8}-\d{6})(?:-(\d+))?\.zip$")


def backup_stamp(name: str) -> str | None:
    """`20250310-091500` of a backup file name, or None if the name is not one."""
    match = BACKUP_NAME.match(name)
    return match.group(2) if match else None


def backup_order(name: str) -> tuple[str, int]:
    """Sort key of backup names, oldest first: the time, then the `-2`, `-3` … of a second
    backup in the same second."""
    match = BACKUP_NAME.match(name)
    return (match.group(2), int(match.group(3) or 1)) if match else ("", 0)


OK, WARNING, DANGER = "ok", "warning", "danger"
SEVERITY_LABELS = {OK: "ổn", WARNING: "cảnh báo", DANGER: "nguy hiểm"}


@dataclass(frozen=True)
class Finding:
    """One thing the doctor checked: what it saw and what to do."""

    code: str
    severity: str
    message: str
    action: str = ""

    def to_dict(self) -> dict[str, str]:
        """JSON form of `cchc doctor --json`."""
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "action": self.action,
        }


def doctor_exit_code(findings: list[Finding]) -> int:
    """1 when a finding puts data at risk, else 0 (warnings included)."""
    return 1 if any(f.severity == DANGER for f in findings) else 0


def days_between(earlier_stamp: str, later_iso: str) -> int:
    """Whole days from a backup stamp (`YYYYMMDD-HHMMSS`) to an ISO date or time."""
    import datetime as dt

    a = dt.date(int(earlier_stamp[:4]), int(earlier_stamp[4:6]), int(earlier_stamp[6:8]))
    b = dt.date.fromisoformat(later_iso[:10])
    return (b - a).days


def head_of_bundle(raw: bytes) -> ChainHead:
    """The chain head a bundle file is (agency, seq, body sha256), read without its key:
    a bundle from the agency's own sent mail re-anchors its chain. ValueError if not one."""
    from cchc_tui.domain.bundle.canonical import sha256_hex
    from cchc_tui.domain.bundle.envelope import PAYLOAD_BUNDLE, open_envelope
    from cchc_tui.domain.bundle.errors import BundleError
    from cchc_tui.domain.bundle.strictjson import loads_strict

    try:
        envelope = open_envelope(raw, expected_type=PAYLOAD_BUNDLE)
        body = loads_strict(envelope.body)
    except BundleError as exc:
        raise ValueError(exc.code) from None
    if not isinstance(body, dict):
        raise ValueError("bad_body")
    agency, seq = body.get("agency_id"), body.get("seq")
    if not (isinstance(agency, str) and AGENCY_ID.match(agency)) or type(seq) is not int:
        raise ValueError("bad_body")
    if seq < 1:
        raise ValueError("bad_body")
    return ChainHead(agency, seq, sha256_hex(envelope.body))
