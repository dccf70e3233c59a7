"""Agency names as a plan writes them, resolved to registry ids or collective references.

"Các sở, ban, ngành" is every department, "UBND các xã, phường" every commune-level unit,
"Các cơ quan liên quan" names nobody (roles.py); any other name must be one agency of the
registry, typed with or without diacritics. An unknown name gets its closest candidates.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from cchc_tui.domain.agencies import AgencyRegistry, AmbiguousAgency
from cchc_tui.domain.text import fold

COLLECTIVE_WORDINGS = {
    "@departments": (
        "các sở, ban, ngành",
        "các sở ban ngành",
        "sở, ban, ngành",
        "các sở, ban, ngành tỉnh",
        "các sở, ban, ngành của tỉnh",
        "các cơ quan chuyên môn thuộc ubnd tỉnh",
        "các cơ quan, đơn vị cấp tỉnh",
    ),
    "@districts": (
        "ubnd các huyện, thành phố",
        "ubnd cấp huyện",
        "ubnd các huyện",
        "ủy ban nhân dân cấp huyện",
        "ủy ban nhân dân các huyện, thành phố",
    ),
    "@communes": (
        "ubnd các xã, phường",
        "ubnd các xã, phường, thị trấn",
        "ubnd cấp xã",
        "ubnd xã, phường",
        "ủy ban nhân dân cấp xã",
        "ủy ban nhân dân các xã, phường",
    ),
    "@related": (
        "các cơ quan liên quan",
        "các cơ quan, đơn vị liên quan",
        "cơ quan liên quan",
        "các đơn vị liên quan",
        "các cơ quan có liên quan",
    ),
}
_COLLECTIVE = {fold(w): ref for ref, words in COLLECTIVE_WORDINGS.items() for w in words}
COLLECTIVE_LABELS = {
    "@departments": "mọi sở, ban, ngành",
    "@districts": "mọi UBND cấp huyện",
    "@communes": "mọi UBND cấp xã, phường",
    "@related": "không giao riêng cơ quan nào (theo dõi nếu liên quan)",
}


@dataclass(frozen=True)
class NameResolution:
    """One written name: its reference (agency id or `@collective`), or the candidates."""

    name: str
    ref: str | None
    candidates: tuple[str, ...] = ()


def collective_ref(name: str) -> str | None:
    """The collective reference a wording stands for, or None."""
    return _COLLECTIVE.get(fold(name).rstrip(". "))


def resolve_name(registry: AgencyRegistry, name: str) -> NameResolution:
    """Resolve one name; unknown or ambiguous names carry up to 3 candidate names."""
    if ref := collective_ref(name):
        return NameResolution(name, ref)
    try:
        return NameResolution(name, registry.find(name).id)
    except AmbiguousAgency as exc:
        return NameResolution(name, None, tuple(a.name for a in exc.candidates[:3]))
    except KeyError:
        names = {fold(a.name): a.name for a in registry}
        close = difflib.get_close_matches(fold(name), list(names), n=3, cutoff=0.5)
        return NameResolution(name, None, tuple(names[c] for c in close))
