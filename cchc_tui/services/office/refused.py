"""Refused files and skipped attachments, as the office reads them after an import."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from cchc_tui.services.catalog import load_registry
from cchc_tui.services.workspace import Workspace
from cchc_tui.store import office as store

_NAMED = re.compile(
    r"(?P<agency>[a-z0-9][a-z0-9-]*)_(?P<period>\d{4}-[A-Za-z0-9]+)_(?P<seq>\d{1,9})"
)
"""`so-noi-vu_2025-Y_0002` anywhere in a name (`Fwd_ so-noi-vu_2025-Y_0002 - sua (1).json`)."""


@dataclass(frozen=True)
class RefusedFile:
    """One refused file: name, reason and what it claimed to be."""

    file_name: str
    received_at: str
    agency_id: str | None
    agency_name: str
    period_id: str | None
    seq: int | None
    reason: str

    def to_dict(self) -> dict:
        """JSON form."""
        return {
            "file": self.file_name,
            "received_at": self.received_at,
            "agency_id": self.agency_id,
            "period": self.period_id,
            "seq": self.seq,
            "reason": self.reason,
        }


def refused_files(ws: Workspace) -> list[RefusedFile]:
    """Every refused file the office keeps, newest first, with the agency's name."""
    registry = load_registry(ws)
    with ws.db.read() as conn:
        rows = store.rejections(conn=conn)
    out = []
    for r in rows:
        agency = registry.get(r.agency_id) if r.agency_id else None
        name = agency.short_name if agency else (r.agency_id or "?")
        out.append(
            RefusedFile(r.file_name, r.received_at, r.agency_id, name, r.period_id, r.seq, r.reason)
        )
    return out


def claimed_by_name(name: str) -> tuple[str | None, str | None, int | None]:
    """Agency, period and seq a file name claims, even with a prefix or suffix added."""
    found = _NAMED.search(Path(name).stem)
    if found is None:
        return None, None, None
    return found["agency"], found["period"], int(found["seq"])


def claimed_by_content(raw: bytes | None) -> tuple[str | None, str | None, int | None]:
    """Agency, period and seq a refused bundle's (unverified) body claims, where it says."""
    import base64

    if not raw:
        return None, None, None
    try:
        envelope = json.loads(raw)
        body = json.loads(base64.b64decode(envelope["payload"], validate=True))
    except (ValueError, TypeError, KeyError):
        return None, None, None
    if not isinstance(body, dict):
        return None, None, None
    agency = body.get("agency_id")
    period = body.get("period")
    seq = body.get("seq")
    return (
        agency if isinstance(agency, str) else None,
        period if isinstance(period, str) else None,
        seq if isinstance(seq, int) and not isinstance(seq, bool) else None,
    )


def skipped_attachments(paths: Iterable[Path]) -> list[Path]:
    """Files under the given folders that are not `*.json` bundles (listed, not imported)."""
    skipped: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            skipped.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.is_file() and p.suffix.lower() != ".json" and not p.name.startswith(".")
            )
    return skipped
