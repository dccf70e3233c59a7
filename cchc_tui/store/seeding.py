"""First-run set-up: create the folder, migrate, load the shipped plan and registry."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path

from cchc_tui.domain.plan import plan_version
from cchc_tui.store.database import Database, immediate
from cchc_tui.store.migrate import migrate
from cchc_tui.store.queries import get_setting, plan_document

AGENCY_FILE = "agencies.json"
ACTIVE_PLAN_KEY = "plan.active"


def plan_files() -> list[str]:
    """Shipped plan data files (`seed/plan-*.json`); a later plan is one more file."""
    return sorted(
        e.name
        for e in files("cchc_tui.seed").iterdir()
        if e.name.startswith("plan-") and e.name.endswith(".json")
    )


def _seed_bytes(name: str) -> bytes:
    return (files("cchc_tui.seed") / name).read_bytes()


def open_database(path: Path, *, now_iso: Callable[[], str]) -> Database:
    """Open (creating and seeding if needed) the database at `path`.

    Raises `DataFileError` (store/faults.py) when the file cannot be used: an empty
    file is refused, never seeded as a new install (store/datafile.py).
    """
    from cchc_tui.store.datafile import open_data_file

    def prepare(db: Database) -> None:
        conn = db.connect()
        try:
            migrate(conn)
            seed(conn, now_iso=now_iso)
        finally:
            conn.close()

    return open_data_file(path, prepare)


def _set(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute(
        "INSERT INTO setting (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def seed(conn: sqlite3.Connection, *, now_iso: Callable[[], str]) -> bool:
    """Load shipped seed files whose bytes changed since the last load; True if any did.

    `now_iso` is called only when something is loaded (start-up stays light).
    """
    wanted = {
        name: hashlib.sha256(_seed_bytes(name)).hexdigest() for name in (AGENCY_FILE, *plan_files())
    }
    stale = {n: h for n, h in wanted.items() if get_setting(f"seed.{n}", conn=conn) != h}
    if not stale:
        return False
    with immediate(conn):
        for name, digest in stale.items():
            if get_setting(f"seed.{name}", conn=conn) == digest:
                continue  # another copy of the program loaded it meanwhile
            document = json.loads(_seed_bytes(name))
            if name == AGENCY_FILE:
                _load_agencies(conn, document)
            else:
                _load_plan(conn, document, now_iso=now_iso())
            _set(conn, f"seed.{name}", digest)
    return True


REGISTRY_RULES_KEY = "registry.rules"
"""Setting holding the registry file's rules (plan scope, commune level, confirmation note)."""
_RULE_KEYS = ("province", "confirmation", "rules", "commune_level", "plan_scope")


def successions(record: dict) -> list[dict]:
    """A registry record's successors as `[{"to", "from"}]`.

    Reads the list form, or the older single `successor` (from the day after `valid_to`).
    """
    if "successors" in record:
        return [{"to": s["to"], "from": s["from"]} for s in record["successors"]]
    if record.get("successor") and record.get("valid_to"):
        day = dt.date.fromisoformat(record["valid_to"]) + dt.timedelta(days=1)
        return [{"to": record["successor"], "from": day.isoformat()}]
    return []


def _load_agencies(conn: sqlite3.Connection, document: dict) -> None:
    rules = {k: document[k] for k in _RULE_KEYS if k in document}
    _set(conn, REGISTRY_RULES_KEY, json.dumps(rules, ensure_ascii=False))
    for position, a in enumerate(document["agencies"]):
        passes = successions(a)
        conn.execute(
            "INSERT INTO agency (id, name, short_name, kind, parent_id, valid_from, valid_to,"
            " successor_id, successors, aliases, note, source, position)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'seed', ?)"
            " ON CONFLICT (id) DO UPDATE SET name = excluded.name,"
            " short_name = excluded.short_name, kind = excluded.kind,"
            " parent_id = excluded.parent_id, valid_from = excluded.valid_from,"
            " valid_to = excluded.valid_to, successor_id = excluded.successor_id,"
            " successors = excluded.successors,"
            " aliases = excluded.aliases, note = excluded.note, position = excluded.position",
            (
                a["id"],
                a["name"],
                a.get("short_name") or a["name"],
                a["kind"],
                a.get("parent"),
                a.get("valid_from") or "2000-01-01",
                a.get("valid_to"),
                passes[0]["to"] if passes else None,
                json.dumps(passes, ensure_ascii=False),
                json.dumps(a.get("aliases", []), ensure_ascii=False),
                a.get("note"),
                position,
            ),
        )


def _load_plan(conn: sqlite3.Connection, document: dict, *, now_iso: str) -> None:
    plan_id = document["plan"]["id"]
    conn.execute(
        "INSERT INTO plan (id, version, document, loaded_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (id) DO UPDATE SET version = excluded.version,"
        " document = excluded.document, loaded_at = excluded.loaded_at",
        (plan_id, plan_version(document), json.dumps(document, ensure_ascii=False), now_iso),
    )
    active = get_setting(ACTIVE_PLAN_KEY, conn=conn)
    active_doc = plan_document(active, conn=conn) if active is not None else None
    if active_doc is None or document["plan"]["start"] > active_doc["plan"]["start"]:
        _set(conn, ACTIVE_PLAN_KEY, plan_id)  # the newest plan shipped becomes active
