"""The office publishes what agencies load: its registry (communes, successors, renamed
bodies) and a plan with the registry entries it names, each signed with the office key."""

from __future__ import annotations

from pathlib import Path

from cchc_tui.services.catalog import load_registry
from cchc_tui.services.office.office_key import unlock_office_key
from cchc_tui.services.workspace import Workspace


def publish_registry(ws: Workspace, out: Path, passphrase: str) -> tuple[Path, int]:
    """Write the signed registry update; the file and how many agencies it carries."""
    from cchc_tui.domain.bundle.registry import make_registry_update
    from cchc_tui.store.files import atomic_write_bytes

    agencies = list(load_registry(ws, refresh=True))
    signing_key = unlock_office_key(ws, passphrase)
    data = make_registry_update(agencies, signing_key, issued_at=ws.clock.now_iso())
    atomic_write_bytes(out, data)
    return out, len(agencies)


def publish_plan(ws: Workspace, plan_query: str, out: Path, passphrase: str) -> tuple[Path, str]:
    """Write the signed plan `plan_query` (id or short id) held here; the file and plan id."""
    from cchc_tui.domain.bundle.plan_letter import make_plan_letter, named_agencies
    from cchc_tui.services.plans import find_plan_id, plan_document_of
    from cchc_tui.store.files import atomic_write_bytes

    plan_id = find_plan_id(ws, plan_query)
    document = plan_document_of(ws, plan_id)
    registry = load_registry(ws, refresh=True)
    named = named_agencies(document)
    agencies = [a for a in registry if a.id in named]
    signing_key = unlock_office_key(ws, passphrase)
    data = make_plan_letter(document, agencies, signing_key, issued_at=ws.clock.now_iso())
    atomic_write_bytes(out, data)
    return out, plan_id
