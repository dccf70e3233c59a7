"""The fixed authoring format of a reform plan (sheets `KeHoach`, `NhiemVu`, `ChiTieu`):
rows read into a draft document, and a plan document written back as rows.

Cells arrive as plain values (text, numbers, dates); nothing here touches a file. Agency
names stay as written in the draft; services/plans.py resolves them against the registry.
A cell's tabs and line breaks (Alt+Enter, text pasted from Word) become spaces; any other
control character is refused, named by its row and column (domain/plan_text.py).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from cchc_tui.domain.agencies import KIND_LABELS
from cchc_tui.domain.bundle.body import TASK_RE
from cchc_tui.domain.plan_text import cell_problems
from cchc_tui.domain.text import fold, nfc, squash
from cchc_tui.domain.timelines import UNKNOWN, parse_timeline

PLAN_SHEET, TASK_SHEET, INDICATOR_SHEET = "KeHoach", "NhiemVu", "ChiTieu"
PLAN_HEADERS = ("Mục", "Giá trị")
PLAN_ROWS = ("Số hiệu", "Ngày ban hành", "Cơ quan ban hành", "Tên kế hoạch", "Từ ngày", "Đến ngày")
TASK_HEADERS = (
    "Mã",
    "Nhóm",
    "Nội dung nhiệm vụ",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Sản phẩm",
    "Thời gian thực hiện",
    "Thời hạn hoàn thành",
)
INDICATOR_HEADERS = ("Mã", "Tên chỉ tiêu", "Đơn vị", "Chỉ tiêu", "Năm", "Áp dụng cho", "Nhiệm vụ")
KIND_WORDS = KIND_LABELS
UNIT_WORDS = {"percent": "%"}
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
_ARABIC_CODE = re.compile(r"^(\d{1,2})\.(\d{1,2})$")
_NUMBER = re.compile(r"^(\d+)\s*/")
_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_PERCENT = re.compile(r"^(\d{1,3}(?:[.,]\d{1,2})?)\s*%?$")
_COUNT = re.compile(r"^(?:\d+|\d{1,3}(?:[.,\s]\d{3})+)$")


@dataclass
class Draft:
    """A plan read from the sheets: the document (agency names unresolved) and the problems
    found, each `(sheet, row, message)`; `names[(row, column)]` holds the names of a cell."""

    document: dict = field(default_factory=dict)
    problems: list[tuple[str, int, str]] = field(default_factory=list)
    names: dict[tuple[int, str], list[str]] = field(default_factory=dict)


def cell_text(value: object) -> str:
    """A cell as text: dates as dd/mm/yyyy, whole numbers without `.0`, text squashed NFC."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return nfc(squash(str(value)))


def parse_day(text: str) -> dt.date | None:
    """dd/mm/yyyy, or None."""
    m = _DATE.match(text)
    try:
        return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1))) if m else None
    except ValueError:
        return None


def short_plan_id(number: str, issued: dt.date) -> str | None:
    """The stable plan id from its number and year: `138-2025` for 138/KH-UBND of 2025."""
    m = _NUMBER.match(number.strip())
    return f"{int(m.group(1))}-{issued.year}" if m else None


def task_code(text: str) -> str | None:
    """A task code in the bundle contract's form (`I.1` … `XII.99`): `2.3` becomes `II.3`;
    None when it cannot be written so."""
    code = text.strip().upper().rstrip(".")
    if m := _ARABIC_CODE.match(code):
        group = int(m.group(1))
        code = f"{ROMAN[group - 1]}.{int(m.group(2))}" if 1 <= group <= len(ROMAN) else ""
    return code if TASK_RE.fullmatch(code) else None


def split_names(text: str) -> list[str]:
    """The names of an agency cell, separated by `;` (commas belong to collective wordings)."""
    return [n.strip(" .") for n in text.split(";") if n.strip(" .")]


def _headers(rows: list[tuple], sheet: str, wanted: tuple[str, ...], draft: Draft) -> bool:
    found = tuple(cell_text(v) for v in rows[0]) if rows else ()
    if tuple(fold(h) for h in found[: len(wanted)]) != tuple(fold(h) for h in wanted):
        draft.problems.append(
            (sheet, 1, f"dòng tiêu đề phải là: {', '.join(wanted)} (đang là: {', '.join(found)})")
        )
        return False
    return True


def _meta(rows: list[tuple], draft: Draft) -> dict:
    values = {
        fold(cell_text(r[0])): (i, cell_text(r[1]) if len(r) > 1 else "")
        for i, r in enumerate(rows[1:], 2)
        if r
    }
    meta: dict = {}
    for label, key in zip(
        PLAN_ROWS, ("number", "date", "issuer", "title", "start", "end"), strict=True
    ):
        row, text = values.get(fold(label), (0, ""))
        if not text:
            draft.problems.append((PLAN_SHEET, row, f"thiếu '{label}'"))
        elif key in ("date", "start", "end"):
            day = parse_day(text)
            if day is None:
                draft.problems.append((PLAN_SHEET, row, f"'{label}' phải ghi dd/mm/yyyy: '{text}'"))
            else:
                meta[key] = day.isoformat()
        else:
            meta[key] = text
    if "start" in meta and "end" in meta and meta["start"] > meta["end"]:
        draft.problems.append((PLAN_SHEET, 0, "'Từ ngày' sau 'Đến ngày'"))
    return meta


def _tasks(rows: list[tuple], draft: Draft) -> tuple[list[dict], list[dict]]:
    tasks: list[dict] = []
    groups: dict[str, dict] = {}
    seen: set[str] = set()
    for n, raw in enumerate(rows[1:], 2):
        cells = [cell_text(v) for v in (*raw, *[None] * 8)[:8]]
        if not any(cells):
            continue
        written, group, content, lead, partners, product, start, end = cells
        code = task_code(written) or written.upper()
        if written and task_code(written) is None:
            draft.problems.append(
                (TASK_SHEET, n, f"mã '{written}' không dùng được: ghi dạng I.1, II.3 hoặc 2.3")
            )
        for label, value in (
            ("Mã", code),
            ("Nội dung nhiệm vụ", content),
            ("Cơ quan chủ trì", lead),
        ):
            if not value:
                draft.problems.append((TASK_SHEET, n, f"thiếu '{label}'"))
        if code in seen:
            draft.problems.append((TASK_SHEET, n, f"mã '{code}' trùng với một dòng trên"))
        seen.add(code)
        for label, value in (("Thời gian thực hiện", start), ("Thời hạn hoàn thành", end)):
            if value and parse_timeline(value).kind == UNKNOWN:
                draft.problems.append((TASK_SHEET, n, f"không hiểu thời hạn '{value}' ({label})"))
        end = end or start
        if not end:
            draft.problems.append((TASK_SHEET, n, "thiếu 'Thời hạn hoàn thành'"))
        key = fold(group)
        if key not in groups:
            prefix = code.split(".")[0] if "." in code else ""
            gcode = prefix or ROMAN[len(groups) % len(ROMAN)]
            groups[key] = {"code": gcode, "title": group}
        draft.names[(n, "lead")] = split_names(lead)
        draft.names[(n, "partners")] = split_names(partners)
        task = {
            "code": code,
            "group": groups[key]["code"],
            "row": n,
            "content": content,
            "lead": {"text": lead, "refs": []},
            "partners": {"text": partners, "refs": []},
            "start": start or end,
            "end": end,
        }
        if product:
            task["product"] = product
        tasks.append(task)
    if not tasks:
        draft.problems.append((TASK_SHEET, 2, "không có nhiệm vụ nào"))
    return tasks, list(groups.values())


def _target(text: str) -> int | None:
    m = _PERCENT.match(text.replace(" ", ""))
    return round(float(m.group(1).replace(",", ".")) * 100) if m else None


def _count(text: str) -> int | None:
    """A whole number as written: `150`, `1.500`, `1 500` (no fraction: a count)."""
    m = _COUNT.match(text.strip())
    return int(re.sub(r"[.,\s]", "", text)) if m else None


def sheet_unit(text: str) -> str:
    """`percent` for `%` (or an empty cell, or "tỷ lệ"), else the count's unit as written."""
    if not text or "%" in text or fold(text) in ("percent", "ty le", "phan tram"):
        return "percent"
    return text


def _indicators(rows: list[tuple], codes: set[str], draft: Draft) -> list[dict]:
    found: dict[str, dict] = {}
    kinds = {fold(w): k for k, w in KIND_WORDS.items()} | {k: k for k in KIND_WORDS}
    for n, raw in enumerate(rows[1:], 2):
        cells = [cell_text(v) for v in (*raw, *[None] * 7)[:7]]
        if not any(cells):
            continue
        code, title, unit, target, years, applies, tasks = cells
        unit = sheet_unit(unit)
        indicator = found.setdefault(
            code,
            {
                "id": code,
                "title": title,
                "unit": unit,
                **({"rollup": "sum"} if unit != "percent" else {}),
                "targets": [],
                "tasks": [],
                "applies_to": [],
            },
        )
        if not code or not title:
            draft.problems.append((INDICATOR_SHEET, n, "thiếu 'Mã' hoặc 'Tên chỉ tiêu'"))
        if unit != indicator["unit"]:
            draft.problems.append(
                (INDICATOR_SHEET, n, f"đơn vị '{cells[2]}' khác dòng trên của chỉ tiêu '{code}'")
            )
        span = parse_timeline(years)
        if unit == "percent":
            value, key = _target(target), "min_bp"
            fits, hint = value is not None and value <= 10000, "tỷ lệ từ 0% đến 100%, ví dụ 80%"
        else:
            value, key = _count(target), "min"
            fits, hint = value is not None, f"số {unit}: một số nguyên, ví dụ 150"
        if span.first_year is None or not fits:
            draft.problems.append(
                (INDICATOR_SHEET, n, f"chỉ tiêu '{target}' năm '{years}' không hiểu ({hint})")
            )
        else:
            indicator["targets"].append(
                {"from_year": span.first_year, "year": span.last_year, key: value}
            )
        for kind in split_names(applies):
            if fold(kind) not in kinds:
                draft.problems.append((INDICATOR_SHEET, n, f"'Áp dụng cho' không hiểu: '{kind}'"))
            elif kinds[fold(kind)] not in indicator["applies_to"]:
                indicator["applies_to"].append(kinds[fold(kind)])
        for written in split_names(tasks):
            task = task_code(written)
            if task not in codes:
                draft.problems.append((INDICATOR_SHEET, n, f"không có nhiệm vụ mã '{written}'"))
            elif task not in indicator["tasks"]:
                indicator["tasks"].append(task)
    return list(found.values())


def read_sheets(sheets: dict[str, list[tuple]]) -> Draft:
    """Read the sheets (name → rows of cell values) into a draft plan document."""
    draft = Draft()
    for name in (PLAN_SHEET, TASK_SHEET):
        if name not in sheets:
            draft.problems.append((name, 0, f"thiếu trang '{name}'"))
    if draft.problems:
        return draft
    headers = {
        PLAN_SHEET: PLAN_HEADERS,
        TASK_SHEET: TASK_HEADERS,
        INDICATOR_SHEET: INDICATOR_HEADERS,
    }
    draft.problems += cell_problems(sheets, headers, label_sheet=PLAN_SHEET)
    meta, tasks, groups = {}, [], []
    if _headers(sheets[PLAN_SHEET], PLAN_SHEET, PLAN_HEADERS, draft):
        meta = _meta(sheets[PLAN_SHEET], draft)
    if _headers(sheets[TASK_SHEET], TASK_SHEET, TASK_HEADERS, draft):
        tasks, groups = _tasks(sheets[TASK_SHEET], draft)
    indicators: list[dict] = []
    rows = sheets.get(INDICATOR_SHEET)
    if rows and _headers(rows, INDICATOR_SHEET, INDICATOR_HEADERS, draft):
        indicators = _indicators(rows, {t["code"] for t in tasks}, draft)
    issued = dt.date.fromisoformat(meta["date"]) if "date" in meta else None
    plan_id = short_plan_id(meta.get("number", ""), issued) if issued else None
    if meta.get("number") and plan_id is None:
        draft.problems.append(
            (PLAN_SHEET, 0, f"'Số hiệu' phải bắt đầu bằng số: '{meta['number']}'")
        )
    draft.document = {
        "plan": {"id": plan_id or "", **meta},
        "groups": groups,
        "tasks": tasks,
        "indicators": indicators,
    }
    return draft
