"""Profile and settings: my agency, the officer, the deadline day."""

from __future__ import annotations

from dataclasses import dataclass

from cchc_tui.domain.periods import DEFAULT_DEADLINE_DAY
from cchc_tui.domain.text import nfc
from cchc_tui.services.errors import ServiceError
from cchc_tui.services.workspace import Workspace
from cchc_tui.store import queries, writes

DEADLINE_KEY = "deadline_day"


@dataclass(frozen=True)
class Profile:
    """Who uses this installation."""

    agency_id: str
    officer: str
    title: str = ""


def get_profile(ws: Workspace) -> Profile | None:
    """The saved profile, or None before first set-up."""
    with ws.db.read() as conn:
        values = queries.settings_with_prefix("profile.", conn=conn)
    if "profile.agency_id" not in values:
        return None
    return Profile(
        values["profile.agency_id"],
        values.get("profile.officer", ""),
        values.get("profile.title", ""),
    )


def get_setting(ws: Workspace, key: str) -> str | None:
    """One setting's value, or None (a plain sqlite3 read: cheap at start-up)."""
    with ws.db.read() as conn:
        return queries.get_setting(key, conn=conn)


def put_settings(ws: Workspace, values: dict[str, str]) -> None:
    """Write settings in one transaction."""
    writes.put_settings(ws.db, values)


def save_profile(ws: Workspace, agency_query: str, officer: str, title: str = "") -> Profile:
    """Set my agency (id or name) and the officer's name and title."""
    from cchc_tui.services.catalog import find_agency

    agency = find_agency(ws, agency_query)
    officer, title = nfc(officer).strip(), nfc(title).strip()
    if not officer:
        raise ServiceError("Chưa nhập họ tên cán bộ đầu mối: hãy nhập họ và tên.")
    put_settings(
        ws, {"profile.agency_id": agency.id, "profile.officer": officer, "profile.title": title}
    )
    return Profile(agency.id, officer, title)


def deadline_day(ws: Workspace) -> int:
    """Day of the period's last month by which the agency submits (default 15)."""
    if DEADLINE_KEY not in ws.cache:
        value = get_setting(ws, DEADLINE_KEY)
        ws.cache[DEADLINE_KEY] = int(value) if value else DEFAULT_DEADLINE_DAY
    return ws.cache[DEADLINE_KEY]


def set_deadline_day(ws: Workspace, day: int | str) -> int:
    """Change the submission day (1–20: the province reports to the Ministry on the 20th)."""
    text = str(day).strip()
    if not text.isdigit() or not 1 <= int(text) <= 20:
        raise ServiceError(
            f"Ngày hạn nộp '{day}' không hợp lệ: nhập một số từ 1 đến 20 "
            "(tỉnh báo cáo Bộ Nội vụ trước ngày 20 của tháng cuối kỳ)."
        )
    put_settings(ws, {DEADLINE_KEY: text})
    ws.cache[DEADLINE_KEY] = int(text)
    return int(text)
