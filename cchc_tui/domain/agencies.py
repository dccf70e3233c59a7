"""The agency registry: departments, other bodies, districts and communes of the province."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from cchc_tui.domain.text import fold

KINDS = ("department", "body", "district", "commune")
KIND_LABELS = {
    "department": "Sở, ban, ngành",
    "body": "Cơ quan, tổ chức khác",
    "district": "UBND cấp huyện",
    "commune": "UBND cấp xã",
}


@dataclass(frozen=True)
class Agency:
    """One reporting agency, with the dates it exists (reorganisations end some)."""

    id: str
    name: str
    short_name: str
    kind: str
    parent: str | None = None
    valid_from: dt.date = dt.date(2000, 1, 1)
    valid_to: dt.date | None = None
    successor: str | None = None
    aliases: tuple[str, ...] = ()
    note: str | None = None

    def exists_on(self, day: dt.date) -> bool:
        """True when the agency existed on `day`."""
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    @property
    def search_key(self) -> str:
        """Folded text matched by searches typed with or without diacritics."""
        return fold(
            " ".join((self.id.replace("-", " "), self.name, self.short_name, *self.aliases))
        )

    def to_dict(self) -> dict:
        """Plain JSON-ready record."""
        return {
            "id": self.id,
            "name": self.name,
            "short_name": self.short_name,
            "kind": self.kind,
            "parent": self.parent,
            "valid_from": self.valid_from.isoformat(),
            "valid_to": self.valid_to.isoformat() if self.valid_to else None,
            "successor": self.successor,
        }


class AmbiguousAgency(LookupError):
    """A typed name matches several agencies."""

    def __init__(self, query: str, candidates: list[Agency]) -> None:
        super().__init__(query)
        self.query = query
        self.candidates = candidates


@dataclass
class AgencyRegistry:
    """All agencies by id, in registry order."""

    agencies: dict[str, Agency] = field(default_factory=dict)

    @classmethod
    def of(cls, agencies: Iterable[Agency]) -> AgencyRegistry:
        """Registry from agencies in order."""
        return cls({a.id: a for a in agencies})

    def __iter__(self) -> Iterator[Agency]:
        return iter(self.agencies.values())

    def __len__(self) -> int:
        return len(self.agencies)

    def __contains__(self, agency_id: object) -> bool:
        return agency_id in self.agencies

    def get(self, agency_id: str) -> Agency | None:
        """The agency with this id, or None."""
        return self.agencies.get(agency_id)

    def of_kind(self, kind: str) -> list[Agency]:
        """Agencies of one kind, in registry order."""
        return [a for a in self if a.kind == kind]

    def search(self, query: str) -> list[Agency]:
        """Agencies in which every folded word of `query` starts a word of the name.

        "yen son" finds Yên Sơn but not Sơn Dương; when nothing starts that way,
        plain substrings are tried ("oi vu" still finds Nội vụ).
        """
        words = fold(query).split()
        by_prefix = [
            a
            for a in self
            if all(any(k.startswith(w) for k in a.search_key.split()) for w in words)
        ]
        return by_prefix or [a for a in self if all(w in a.search_key for w in words)]

    def find(self, query: str) -> Agency:
        """Resolve an id or a name typed with or without diacritics, in any case.

        Raises KeyError when nothing matches, AmbiguousAgency when several do.
        """
        query = query.strip()
        if query in self.agencies:
            return self.agencies[query]
        folded = fold(query)
        exact = [
            a
            for a in self
            if folded in {fold(a.name), fold(a.short_name), fold(a.id)}
            or folded in {fold(x) for x in a.aliases}
        ]
        if len(exact) == 1:
            return exact[0]
        matches = exact or self.search(query)
        if not matches:
            raise KeyError(query)
        if len(matches) > 1:
            raise AmbiguousAgency(query, matches)
        return matches[0]
