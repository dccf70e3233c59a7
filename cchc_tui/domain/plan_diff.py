"""What a corrected plan changes against the version held: tasks added, removed and
changed (which fields), and the plan's own details. Pure: two plan documents in, words out.

Wording is compared with runs of spaces squashed (as `plan_rows.plan_essence` does); an
assignment is compared by its references and its wording."""

from __future__ import annotations

from dataclasses import dataclass

from cchc_tui.domain.safe_text import one_line

TASK_FIELDS = {
    "content": "nội dung",
    "lead": "chủ trì",
    "partners": "phối hợp",
    "timeline": "thời gian, thời hạn",
    "product": "sản phẩm",
    "group": "nhóm",
}
"""The fields of a task a correction may change, with the words a preview uses."""

PLAN_FIELDS = {
    "number": "số hiệu",
    "date": "ngày ban hành",
    "issuer": "cơ quan ban hành",
    "signer": "người ký",
    "title": "tên kế hoạch",
    "start": "ngày bắt đầu",
    "end": "ngày kết thúc",
}
"""The plan's own details, with the words a preview uses."""


@dataclass(frozen=True)
class TaskRef:
    """A task added or removed: its code and its content."""

    code: str
    content: str


@dataclass(frozen=True)
class TaskChange:
    """A task both versions have, the fields that differ (keys of TASK_FIELDS), and its
    content before and after."""

    code: str
    fields: tuple[str, ...]
    old_content: str
    new_content: str

    @property
    def labels(self) -> str:
        """The changed fields in words: `nội dung, chủ trì`."""
        return ", ".join(TASK_FIELDS[f] for f in self.fields)


@dataclass(frozen=True)
class DetailChange:
    """One of the plan's details (a PLAN_FIELDS key, `groups`, `indicator:<id>` or
    `other`), its label, and its value before and after ("" when absent)."""

    field: str
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class PlanChanges:
    """Everything a newer version changes against the older one."""

    added: tuple[TaskRef, ...]
    removed: tuple[TaskRef, ...]
    changed: tuple[TaskChange, ...]
    details: tuple[DetailChange, ...]

    @property
    def empty(self) -> bool:
        """True when nothing listed differs."""
        return not (self.added or self.removed or self.changed or self.details)


def _squash(value: object) -> str:
    return " ".join(str(value or "").split())


def _assignment(task: dict, column: str) -> tuple:
    cell = task.get(column) or {}
    return tuple(cell.get("refs", ())), _squash(cell.get("text", ""))


def _task_values(task: dict) -> dict[str, object]:
    return {
        "content": _squash(task.get("content")),
        "lead": _assignment(task, "lead"),
        "partners": _assignment(task, "partners"),
        "timeline": (_squash(task.get("start")), _squash(task.get("end"))),
        "product": _squash(task.get("product")),
        "group": _squash(task.get("group")),
    }


def _indicator(indicator: dict) -> tuple:
    targets = tuple(
        (t.get("from_year", t.get("year")), t.get("year"), t.get("min_bp", t.get("min")))
        for t in indicator.get("targets", ())
    )
    return (
        _squash(indicator.get("title")),
        _squash(indicator.get("unit")),
        targets,
        tuple(indicator.get("tasks", ())),
        tuple(indicator.get("applies_to", ())),
    )


def _details(old: dict, new: dict) -> list[DetailChange]:
    old_meta, new_meta = old.get("plan", {}), new.get("plan", {})
    found = [
        DetailChange(key, label, _squash(old_meta.get(key)), _squash(new_meta.get(key)))
        for key, label in PLAN_FIELDS.items()
        if _squash(old_meta.get(key)) != _squash(new_meta.get(key))
    ]
    groups = [
        {g.get("code"): _squash(g.get("title")) for g in d.get("groups", ())} for d in (old, new)
    ]
    for code in sorted(set(groups[0]) | set(groups[1]), key=str):
        before, after = groups[0].get(code, ""), groups[1].get(code, "")
        if before != after:
            found.append(DetailChange("groups", f"nhóm {code}", before, after))
    indicators = [{i.get("id"): i for i in d.get("indicators", ())} for d in (old, new)]
    for ident in sorted(set(indicators[0]) | set(indicators[1]), key=str):
        before, after = indicators[0].get(ident), indicators[1].get(ident)
        if before is None or after is None or _indicator(before) != _indicator(after):
            found.append(
                DetailChange(
                    f"indicator:{ident}",
                    f"chỉ tiêu {ident}",
                    _squash(before.get("title")) if before else "",
                    _squash(after.get("title")) if after else "",
                )
            )
    return found


def diff_plans(old: dict, new: dict) -> PlanChanges:
    """What `new` changes against `old` (two plan documents in the seed-file shape).

    A difference in nothing listed here (notes, the source's reference text) is one
    `other` detail, so that two different versions never read as the same."""
    old_tasks = {t["code"]: t for t in old.get("tasks", ())}
    new_tasks = {t["code"]: t for t in new.get("tasks", ())}
    added = tuple(
        TaskRef(c, _squash(t.get("content"))) for c, t in new_tasks.items() if c not in old_tasks
    )
    removed = tuple(
        TaskRef(c, _squash(t.get("content"))) for c, t in old_tasks.items() if c not in new_tasks
    )
    changed = []
    for code, task in new_tasks.items():
        if code not in old_tasks:
            continue
        before, after = _task_values(old_tasks[code]), _task_values(task)
        fields = tuple(f for f in TASK_FIELDS if before[f] != after[f])
        if fields:
            changed.append(TaskChange(code, fields, before["content"], after["content"]))
    details = _details(old, new)
    changes = PlanChanges(added, removed, tuple(changed), tuple(details))
    if changes.empty and _without_id(old) != _without_id(new):
        other = DetailChange("other", "chi tiết khác (ghi chú, trích văn bản)", "", "")
        return PlanChanges(added, removed, tuple(changed), (other,))
    return changes


def _without_id(document: dict) -> dict:
    meta = {k: v for k, v in document.get("plan", {}).items() if k != "id"}
    return {**document, "plan": meta}


def _short(text: str, width: int) -> str:
    text = one_line(text)
    return text if len(text) <= width else text[: width - 1] + "…"


def change_lines(changes: PlanChanges, kept_reports: int, *, width: int = 76) -> list[str]:
    """The changes as lines of at most `width` characters, file text made visible (control
    characters shown by their mark), for the command line and the app alike."""
    lines = []
    if changes.details:
        lines.append("Thông tin kế hoạch:")
        for d in changes.details:
            if d.field == "other" or d.field.startswith("indicator:"):
                what = "thêm" if not d.old else "bỏ" if not d.new else "sửa"
                text = d.label if d.field == "other" else f"{d.label} ({what})"
                lines.append(_short(f"  ~ {text}", width))
            else:
                lines.append(_short(f"  ~ {d.label}: {d.new or '—'}", width))
                lines.append(_short(f"      (trước: {d.old or '—'})", width))
    for title, mark, refs in (("thêm", "+", changes.added), ("bỏ", "-", changes.removed)):
        if refs:
            lines.append(f"Nhiệm vụ {title} ({len(refs)}):")
            lines += [_short(f"  {mark} {r.code}  {r.content}", width) for r in refs]
    if changes.changed:
        lines.append(f"Nhiệm vụ thay đổi ({len(changes.changed)}):")
        for c in changes.changed:
            lines.append(_short(f"  ~ {c.code} ({c.labels})  {c.new_content}", width))
    if kept_reports:
        lines.append(f"{kept_reports} báo cáo tiến độ của nhiệm vụ bị bỏ vẫn được giữ.")
    return lines or ["Không có thay đổi nào trong danh sách nhiệm vụ."]


def changes_as_data(changes: PlanChanges) -> dict:
    """The changes as JSON-ready data (`cchc plan add --json`), text as the file has it."""
    return {
        "plan": [
            {"field": d.field, "label": d.label, "old": d.old, "new": d.new}
            for d in changes.details
        ],
        "tasks_added": [{"code": r.code, "content": r.content} for r in changes.added],
        "tasks_removed": [{"code": r.code, "content": r.content} for r in changes.removed],
        "tasks_changed": [
            {
                "code": c.code,
                "fields": list(c.fields),
                "old_content": c.old_content,
                "new_content": c.new_content,
            }
            for c in changes.changed
        ],
    }
