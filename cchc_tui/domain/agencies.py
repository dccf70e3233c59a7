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
class Succession:
    """Who takes over an ended body's roles, from which day.

    `to` is an agency id, or a collective reference of the plan's wording
    (`@communes`: every commune-level unit), as written in `seed/agencies.json`.
    """

    to: str
    starts: dt.date

    @property
    def collective(self) -> bool:
        """True when the roles pass to a whole level (`@communes`), not one agency."""
        return self.to.startswith("@")


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
    successors: tuple[Succession, ...] = ()
    aliases: tuple[str, ...] = ()
    note: str | None = None
    former_province: str | None = None
    outside_plan: str | None = None
    """Why the agency does not report on the active plan (None: it does), set by the service."""

    @property
    def successor(self) -> str | None:
        """The first successor's id or collective reference, or None."""
        return self.successors[0].to if self.successors else None

    def exists_on(self, day: dt.date) -> bool:
        """True when the agency existed on `day`."""
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    @property
    def id_words(self) -> str:
        """The id as words, without a commune's district suffix (`xa-tan-long-huyen-yen-son`)."""
        own = self.id
        if self.parent and own.endswith(f"-{self.parent}"):
            own = own[: -len(self.parent) - 1]
        return own.replace("-", " ")

    @property
    def search_key(self) -> str:
        """Folded text matched by searches typed with or without diacritics."""
        return fold(" ".join((self.id_words, self.name, self.short_name, *self.aliases)))

    def exact_keys(self) -> set[str]:
        """Folded texts that name this agency exactly: id (with or without dashes), names."""
        names = (self.id, self.id.replace("-", " "), self.name, self.short_name, *self.aliases)
        return {fold(n) for n in names}

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
            "successors": [{"to": s.to, "from": s.starts.isoformat()} for s in self.successors],
            "former_province": self.former_province,
            "outside_plan": self.outside_plan,
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

        An exact folded id or name wins over looser matches: "huyen yen son" is the
        district even when a commune's name or id contains those words. Raises
        KeyError when nothing matches, AmbiguousAgency when several do.
        """
        query = query.strip()
        if query in self.agencies:
            return self.agencies[query]
        folded = fold(query)
        exact = [a for a in self if folded in a.exact_keys()]
        if len(exact) == 1:
            return exact[0]
        matches = exact or self.search(query)
        if not matches:
            raise KeyError(query)
        if len(matches) > 1:
            raise AmbiguousAgency(query, matches)
        return matches[0]
