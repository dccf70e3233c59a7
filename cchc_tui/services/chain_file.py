"""The chain file beside the keys: the latest bundle written for the office, so that a
restored older database never signs a seq the office already holds (docs/bundle.md)."""

from __future__ import annotations

from pathlib import Path

from cchc_tui.domain.care import ChainHead, chain_file_bytes, chain_file_name, parse_chain_file
from cchc_tui.services.workspace import Workspace


def read_chain_file(keys_dir: Path, agency_id: str) -> ChainHead | None:
    """The head the agency's chain file records, or None (none, unreadable, another agency)."""
    try:
        head = parse_chain_file((keys_dir / chain_file_name(agency_id)).read_bytes())
    except (OSError, ValueError):
        return None
    return head if head.agency_id == agency_id else None


def record_head(ws: Workspace, head: ChainHead) -> bool:
    """Write the chain file when `head` is not behind it (atomically); False if the disk
    refused (the doctor then reports the chain file behind the last export)."""
    from cchc_tui.store.files import atomic_write_bytes

    known = read_chain_file(ws.keys_dir, head.agency_id)
    if known is not None and known.seq > head.seq:
        return True
    try:
        atomic_write_bytes(
            ws.keys_dir / chain_file_name(head.agency_id),
            chain_file_bytes(head, ws.clock.now_iso()),
            private=True,
        )
    except OSError:
        return False
    return True
