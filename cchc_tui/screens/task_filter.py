"""Filters of the task list: role, group, status, timeline kind, a folded search, inactive rows.

Pure presentation logic over `TaskRow`s already loaded (no query per key press).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace

from cchc_tui.domain.plan import GROUPS
from cchc_tui.domain.progress import STATUS_LABELS
from cchc_tui.domain.roles import LEAD, PARTNER, RELATED
from cchc_tui.domain.text import fold
from cchc_tui.domain.timelines import KIND_LABELS
from cchc_tui.services.tasks import TaskRow

NOT_REPORTED = "none"
ROLE_CHOICES = {
    "mine": "Của tôi",
    LEAD: "Chủ trì",
    PARTNER: "Phối hợp",
    "followed": "Đang theo dõi",
    RELATED: "Liên quan (tất cả)",
}
GROUP_CHOICES = {"": "tất cả", **{g: g for g in GROUPS}}
STATUS_CHOICES = {"": "tất cả", NOT_REPORTED: "chưa báo cáo", **STATUS_LABELS}
KIND_CHOICES = {"": "tất cả", **{k: v for k, v in KIND_LABELS.items() if k != "unknown"}}
CHOICES = {
    "role": ROLE_CHOICES,
    "group": GROUP_CHOICES,
    "status": STATUS_CHOICES,
    "kind": KIND_CHOICES,
}


@dataclass(frozen=True)
class TaskFilter:
    """What the officer narrowed the list to."""

    role: str = "mine"
    group: str = ""
    status: str = ""
    kind: str = ""
    query: str = ""
    inactive: str = ""  # "1": also tasks without a report slot in the period

    def matches(self, row: TaskRow) -> bool:
        """True when `row` passes every filter."""
        return (
            (self.inactive == "1" or row.active)
            and self._role_ok(row)
            and self.group in ("", row.group)
            and self._status_ok(row)
            and self.kind in ("", row.end_kind)
            and self._query_ok(row)
        )

    def _role_ok(self, row: TaskRow) -> bool:
        roles = set(row.roles)
        if self.role == "mine":
            return bool(roles & {LEAD, PARTNER}) or row.followed
        if self.role == "followed":
            return row.followed
        return self.role in roles

    def _status_ok(self, row: TaskRow) -> bool:
        if self.status == NOT_REPORTED:
            return row.status is None
        return self.status in ("", row.status)

    def _query_ok(self, row: TaskRow) -> bool:
        words = fold(self.query).split()
        if not words:
            return True
        haystack = fold(f"{row.code} {row.content}")
        return all(w in haystack for w in words)

    def cycle(self, name: str) -> TaskFilter:
        """The filter with `name` moved to its next choice."""
        keys = list(CHOICES[name])
        current = getattr(self, name)
        nxt = keys[(keys.index(current) + 1) % len(keys)] if current in keys else keys[0]
        return replace(self, **{name: nxt})

    def label(self, name: str) -> str:
        """Vietnamese label of the current choice of `name`."""
        return CHOICES[name].get(getattr(self, name), "?")

    def to_dict(self) -> dict[str, str]:
        """Plain dict for a saved view."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, str]) -> TaskFilter:
        """A filter from a saved view; unknown keys and values fall back to defaults."""
        known = {f.name for f in fields(cls)}
        values = {k: str(v) for k, v in data.items() if k in known}
        for name, choices in CHOICES.items():
            if values.get(name) not in choices:
                values.pop(name, None)
        return cls(**values)
