"""A plan document written as the rows of the authoring format (domain/plan_sheet.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from cchc_tui.domain.plan_sheet import (
    INDICATOR_HEADERS,
    INDICATOR_SHEET,
    KIND_WORDS,
    PLAN_HEADERS,
    PLAN_ROWS,
    PLAN_SHEET,
    TASK_HEADERS,
    TASK_SHEET,
)

COLLECTIVE_NAMES = {
    "@departments": "Các sở, ban, ngành",
    "@districts": "UBND các huyện, thành phố",
    "@communes": "UBND các xã, phường",
    "@related": "Các cơ quan liên quan",
}
"""How a collective reference is written back (each is read again by plan_names.py)."""


def _day(iso: str) -> str:
    return f"{dt.date.fromisoformat(iso):%d/%m/%Y}"


def _percent(bp: int) -> str:
    return f"{bp / 100:g}%"


def _unit(indicator: dict) -> str:
    unit = indicator.get("unit", "percent")
    return "%" if unit == "percent" else unit


def _target_text(target: dict) -> str:
    """`80%` (a ratio's basis points), or a count as a plain number: `150`."""
    return _percent(target["min_bp"]) if "min_bp" in target else str(target["min"])


def sheet_rows(document: dict, name_of: Callable[[str], str]) -> dict[str, list[list[str]]]:
    """The sheets of a plan document; `name_of(agency_id)` gives an agency's registry name."""
    meta = document["plan"]
    values = (
        meta["number"],
        _day(meta["date"]),
        meta["issuer"],
        meta["title"],
        _day(meta["start"]),
        _day(meta["end"]),
    )
    groups = {g["code"]: g["title"] for g in document.get("groups", ())}

    def names(refs: list[str]) -> str:
        return "; ".join(COLLECTIVE_NAMES.get(r) or name_of(r) for r in refs)

    tasks = [
        [
            t["code"],
            groups.get(t["group"], t["group"]),
            t["content"],
            names(t["lead"]["refs"]),
            names(t["partners"]["refs"]),
            t.get("product", ""),
            t["start"],
            t["end"],
        ]
        for t in document["tasks"]
    ]
    indicators = [
        [
            i["id"],
            i["title"],
            _unit(i),
            _target_text(target),
            str(target["year"])
            if target.get("from_year", target["year"]) == target["year"]
            else f"{target['from_year']}-{target['year']}",
            "; ".join(KIND_WORDS[k] for k in i.get("applies_to", ())),
            "; ".join(i.get("tasks", ())),
        ]
        for i in document.get("indicators", ())
        for target in i.get("targets", ())
    ]
    return {
        PLAN_SHEET: [list(PLAN_HEADERS), *([k, v] for k, v in zip(PLAN_ROWS, values, strict=True))],
        TASK_SHEET: [list(TASK_HEADERS), *tasks],
        INDICATOR_SHEET: [list(INDICATOR_HEADERS), *indicators],
    }


def plan_essence(document: dict) -> dict:
    """What the authoring format carries of a plan, for comparing two documents: the
    header, groups, tasks (refs, not the wording around them) and indicator targets."""
    meta = document["plan"]

    def squash(text: str) -> str:
        return " ".join(str(text).split())

    return {
        "plan": {k: squash(meta[k]) for k in ("number", "date", "issuer", "title", "start", "end")},
        "groups": [(g["code"], squash(g["title"])) for g in document.get("groups", ())],
        "tasks": [
            (
                t["code"],
                t["group"],
                squash(t["content"]),
                tuple(t["lead"]["refs"]),
                tuple(t["partners"]["refs"]),
                squash(t["start"]),
                squash(t["end"]),
                squash(t.get("product", "")),
            )
            for t in document["tasks"]
        ],
        "indicators": [
            (
                i["id"],
                squash(i["title"]),
                _unit(i),
                tuple(
                    (t.get("from_year", t["year"]), t["year"], t.get("min_bp", t.get("min")))
                    for t in i.get("targets", ())
                ),
                tuple(i.get("tasks", ())),
                tuple(i.get("applies_to", ())),
            )
            for i in document.get("indicators", ())
        ],
    }
