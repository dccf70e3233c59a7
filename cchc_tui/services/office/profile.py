"""The receiving-office profile: this installation also consolidates Sở Nội vụ's reports."""

from __future__ import annotations

from dataclasses import dataclass

from cchc_tui.domain.text import nfc
from cchc_tui.services.errors import ServiceError
from cchc_tui.services.settings import put_settings
from cchc_tui.services.workspace import Workspace
from cchc_tui.store import queries

PREFIX = "receiver."


@dataclass(frozen=True)
class OfficeProfile:
    """Who consolidates the reports here."""

    officer: str
    title: str
    since: str


def get_office_profile(ws: Workspace) -> OfficeProfile | None:
    """The saved receiving-office profile, or None when this is only an agency's install."""
    with ws.db.read() as conn:
        values = queries.settings_with_prefix(PREFIX, conn=conn)
    if "receiver.officer" not in values:
        return None
    return OfficeProfile(
        values["receiver.officer"],
        values.get("receiver.title", ""),
        values.get("receiver.since", ""),
    )


def save_office_profile(ws: Workspace, officer: str, title: str = "") -> OfficeProfile:
    """Turn on the receiving office here, with the officer who consolidates."""
    officer, title = nfc(officer).strip(), nfc(title).strip()
    if not officer:
        raise ServiceError("Chưa nhập họ tên cán bộ tổng hợp: hãy nhập họ và tên.")
    previous = get_office_profile(ws)
    since = previous.since if previous and previous.since else ws.clock.now_iso()
    put_settings(
        ws,
        {"receiver.officer": officer, "receiver.title": title, "receiver.since": since},
    )
    return OfficeProfile(officer, title, since)
