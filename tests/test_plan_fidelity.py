"""Hold seed/plan-56-2020.json to the source text of Kế hoạch 56/KH-UBND.

The appendix table is parsed here, independently of the seed file, straight from
the source document (`shared/source/` beside the repository): every task's code,
content, lead, partners and timelines must match it character for character after
whitespace collapsing. Targets, solutions and responsibilities must be quoted from
their sections of the plan.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

import pytest

from cchc_tui.domain.plan import plan_from_document
from cchc_tui.domain.text import squash
from cchc_tui.domain.timelines import UNKNOWN, parse_timeline

SOURCE = Path(__file__).resolve().parents[2] / "shared" / "source" / "ke-hoach-56-KH-UBND-2020.txt"
SEED = "plan-56-2020.json"

APPENDIX_HEADING = "NỘI DUNG, PHÂN CÔNG TRÁCH NHIỆM"
COLUMNS = [
    "Nội dung thực hiện",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Thời gian thực hiện",
    "Thời gian hoàn thành",
]
GROUPS = ["I", "II", "III", "IV", "V", "VI"]
GROUP_SIZES = {"I": 10, "II": 3, "III": 6, "IV": 8, "V": 2, "VI": 6}
TOKENS = {"@departments", "@districts", "@communes", "@related"}
ROW_NUMBER = re.compile(r"^\d+( \d+)*$")


@dataclass(frozen=True)
class SourceRow:
    """One appendix row as the source document writes it."""

    code: str
    group: str
    row: int
    row_as_written: str
    content: str
    lead: str
    partners: str
    start: str
    end: str


@dataclass(frozen=True)
class Appendix:
    groups: dict[str, str]
    rows: list[SourceRow]


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def source_text() -> str:
    if not SOURCE.is_file():
        pytest.skip(
            f"source document not found at {SOURCE}: the fidelity tests need the shared/ "
            "folder (shared/source/ke-hoach-56-KH-UBND-2020.txt) beside the repository"
        )
    return SOURCE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def source_lines(source_text: str) -> list[str]:
    return source_text.split("\n")


@pytest.fixture(scope="module")
def squashed_source(source_text: str) -> str:
    return squash(source_text)


@pytest.fixture(scope="module")
def doc() -> dict:
    return json.loads((files("cchc_tui.seed") / SEED).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def agency_ids() -> set[str]:
    registry = json.loads((files("cchc_tui.seed") / "agencies.json").read_text(encoding="utf-8"))
    return {a["id"] for a in registry["agencies"]}


@pytest.fixture(scope="module")
def agency_kinds() -> set[str]:
    registry = json.loads((files("cchc_tui.seed") / "agencies.json").read_text(encoding="utf-8"))
    return set(registry["kinds"])


@pytest.fixture(scope="module")
def appendix(source_lines: list[str]) -> Appendix:
    return parse_appendix(source_lines)


# --------------------------------------------------------------------------- parsing


def table_cells(lines: list[str]) -> list[str]:
    """Cells of the table: text between lines holding only "|", squashed, empties dropped."""
    cells: list[str] = []
    current: list[str] = []
    for line in lines:
        if line.strip() == "|":
            cells.append(squash("\n".join(current)))
            current = []
        else:
            current.append(line)
    cells.append(squash("\n".join(current)))
    return [c for c in cells if c]


def parse_appendix(lines: list[str]) -> Appendix:
    """The appendix table: group rows (numeral, heading) and task rows (number + 5 cells)."""
    starts = [i for i, line in enumerate(lines) if line.startswith(APPENDIX_HEADING)]
    assert len(starts) == 1, f"expected one appendix heading {APPENDIX_HEADING!r}"
    cells = table_cells(lines[starts[0] :])
    assert cells[0].endswith("TT"), cells[0]
    assert cells[1:6] == COLUMNS
    groups: dict[str, str] = {}
    rows: list[SourceRow] = []
    group = None
    i = 6
    while i < len(cells):
        cell = cells[i]
        if cell in GROUPS:
            group = cell
            groups[group] = cells[i + 1]
            i += 2
            continue
        assert group is not None, f"task row before any group: {cell!r}"
        assert ROW_NUMBER.match(cell), f"expected a row number, got {cell!r}"
        content, lead, partners, start, end = cells[i + 1 : i + 6]
        ordinal = sum(1 for r in rows if r.group == group) + 1
        rows.append(
            SourceRow(
                f"{group}.{ordinal}", group, ordinal, cell, content, lead, partners, start, end
            )
        )
        i += 6
    return Appendix(groups, rows)


def section(lines: list[str], start_prefix: str, end_prefix: str) -> str:
    """Squashed text from the line starting with `start_prefix` to the one with `end_prefix`."""
    start = next(i for i, line in enumerate(lines) if line.startswith(start_prefix))
    end = next(i for i, line in enumerate(lines) if i > start and line.startswith(end_prefix))
    return squash("\n".join(lines[start:end]))


def walk_strings(value, path="$"):
    """Every string in a JSON value (keys included) with its path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield f"{path}.{key} (key)", key
            yield from walk_strings(item, f"{path}.{key}")
    elif isinstance(value, list):
        for n, item in enumerate(value):
            yield from walk_strings(item, f"{path}[{n}]")


def json_row(task: dict) -> SourceRow:
    return SourceRow(
        task["code"],
        task["group"],
        task["row"],
        task["row_as_written"],
        squash(task["content"]),
        squash(task["lead"]["text"]),
        squash(task["partners"]["text"]),
        squash(task["start"]),
        squash(task["end"]),
    )


# --------------------------------------------------------------------------- appendix


def test_parser_sees_the_whole_appendix(appendix: Appendix) -> None:
    assert list(appendix.groups) == GROUPS
    assert len(appendix.rows) == 35


def test_task_codes_in_document_order(doc: dict, appendix: Appendix) -> None:
    assert [t["code"] for t in doc["tasks"]] == [r.code for r in appendix.rows]


def test_task_counts_per_group(doc: dict, appendix: Appendix) -> None:
    for tasks in (doc["tasks"], appendix.rows):
        counts = {g: 0 for g in GROUPS}
        for t in tasks:
            counts[t["group"] if isinstance(t, dict) else t.group] += 1
        assert counts == GROUP_SIZES


def test_group_titles_as_written(doc: dict, appendix: Appendix) -> None:
    assert [g["code"] for g in doc["groups"]] == GROUPS
    assert {g["code"]: g["title"] for g in doc["groups"]} == appendix.groups


def test_every_task_cell_matches_the_source(doc: dict, appendix: Appendix) -> None:
    """Content, lead, partners, start, end: equal to the source after whitespace collapsing."""
    by_code = {r.code: r for r in appendix.rows}
    for task in doc["tasks"]:
        assert json_row(task) == by_code[task["code"]], task["code"]


def test_task_fields_are_already_squashed(doc: dict) -> None:
    for task in doc["tasks"]:
        for value in (
            task["content"],
            task["lead"]["text"],
            task["partners"]["text"],
            task["start"],
            task["end"],
        ):
            assert value == squash(value), task["code"]


def test_code_matches_group_and_row(doc: dict) -> None:
    for task in doc["tasks"]:
        assert task["code"] == f"{task['group']}.{task['row']}"
        assert isinstance(task["row"], int)


def test_misnumbered_rows_are_noted(doc: dict) -> None:
    odd = {
        t["code"]: t["row_as_written"] for t in doc["tasks"] if t["row_as_written"] != str(t["row"])
    }
    assert odd == {"II.1": "1 1", "II.2": "2 2", "V.1": "11"}
    for task in doc["tasks"]:
        if task["code"] in odd:
            assert any(f"“{task['row_as_written']}”" in n for n in task.get("notes", ())), task[
                "code"
            ]


def test_timelines_are_recognised(doc: dict) -> None:
    for task in doc["tasks"]:
        for field in ("start", "end"):
            assert parse_timeline(task[field]).kind != UNKNOWN, (task["code"], task[field])


def test_plan_loads(doc: dict) -> None:
    plan = plan_from_document(doc)
    assert len(plan.tasks) == 35
    assert plan.start.isoformat() == "2020-05-20"
    assert plan.end.isoformat() == "2025-12-31"


# --------------------------------------------------------------------------- refs


def test_refs_are_known(doc: dict, agency_ids: set[str]) -> None:
    known = agency_ids | TOKENS
    for task in doc["tasks"]:
        for cell in ("lead", "partners"):
            refs = task[cell]["refs"]
            assert refs, (task["code"], cell)
            assert len(refs) == len(set(refs)), (task["code"], cell, refs)
            unknown = [r for r in refs if r not in known]
            assert not unknown, (task["code"], cell, unknown)


def test_related_groups_without_liên_quan_are_noted(doc: dict) -> None:
    """@related for a named group (not "… liên quan") must be explained in a note."""
    for task in doc["tasks"]:
        for cell in ("lead", "partners"):
            text, refs = task[cell]["text"], task[cell]["refs"]
            if "@related" in refs and "liên quan" not in text:
                assert any("@related" in n for n in task.get("notes", ())), (task["code"], cell)


# --------------------------------------------------------------------------- text hygiene


def test_every_string_is_nfc(doc: dict) -> None:
    bad = [p for p, s in walk_strings(doc) if not unicodedata.is_normalized("NFC", s)]
    assert not bad


def test_plan_metadata(doc: dict, squashed_source: str) -> None:
    meta = doc["plan"]
    assert meta["id"] == "56-KH-UBND-2020"
    assert f"Số: {meta['number']}" in squashed_source
    assert meta["date"] == "2020-05-20"
    assert "ngày 20 tháng 5 năm 2020" in squashed_source
    assert meta["signer"] in squashed_source
    assert meta["title"] == squash(meta["title"])
    assert meta["title"] in squashed_source
    assert meta["source"] == SOURCE.name


# --------------------------------------------------------------------------- indicators


def test_indicators_are_quoted_from_the_targets_section(doc: dict, source_lines: list[str]) -> None:
    targets_section = section(source_lines, "II. MỤC TIÊU", "III. NHIỆM VỤ, GIẢI PHÁP")
    for indicator in doc["indicators"]:
        assert indicator["text"] in targets_section, indicator["id"]
        for target in indicator["targets"]:
            if "text" in target:
                assert target["text"] in targets_section, (indicator["id"], target["year"])


def test_indicator_shape(doc: dict, agency_kinds: set[str]) -> None:
    codes = {t["code"] for t in doc["tasks"]}
    ids = [i["id"] for i in doc["indicators"]]
    assert len(ids) == len(set(ids))
    for indicator in doc["indicators"]:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", indicator["id"]), indicator["id"]
        assert indicator["unit"] == "percent"
        assert indicator["rollup"] == "ratio_of_sums"
        assert indicator["numerator"] and indicator["denominator"]
        assert indicator["tasks"], indicator["id"]
        assert set(indicator["tasks"]) <= codes, indicator["id"]
        assert indicator["applies_to"], indicator["id"]
        assert set(indicator["applies_to"]) <= agency_kinds, indicator["id"]
        years = [t["year"] for t in indicator["targets"]]
        assert years and years == sorted(set(years)), indicator["id"]
        for target in indicator["targets"]:
            value = target["min_bp"]
            assert type(value) is int and 0 <= value <= 10000, (indicator["id"], target)
            assert type(target["year"]) is int and 2020 <= target["year"] <= 2025


def test_target_values_appear_in_their_sentence(doc: dict) -> None:
    """A target of 8000 bp is quoted from a sentence that says 80%."""
    for indicator in doc["indicators"]:
        for target in indicator["targets"]:
            quoted = target.get("text", indicator["text"])
            value = target["min_bp"]
            assert value % 100 == 0, (indicator["id"], target)
            assert f"{value // 100}%" in quoted, (indicator["id"], target)


def test_every_section_ii_figure_has_an_indicator(doc: dict, source_lines: list[str]) -> None:
    """Each percentage in section II is a target of some indicator (bar the 100% duplicates)."""
    targets_section = section(source_lines, "II. MỤC TIÊU", "III. NHIỆM VỤ, GIẢI PHÁP")
    stated = {int(p) * 100 for p in re.findall(r"(\d+)%", targets_section)}
    modelled = {t["min_bp"] for i in doc["indicators"] for t in i["targets"]}
    assert stated <= modelled


# --------------------------------------------------------------------------- sections III and V


def test_solutions_are_quoted_from_section_iii(doc: dict, source_lines: list[str]) -> None:
    text = section(source_lines, "III. NHIỆM VỤ, GIẢI PHÁP", "IV. NHIỆM VỤ CỤ")
    assert [s["number"] for s in doc["solutions"]] == list(range(1, 7))
    for solution in doc["solutions"]:
        assert f"{solution['number']}. {solution['title']}" in text
        assert solution["items"], solution["number"]
        for item in solution["items"]:
            assert f"- {item}" in text, (solution["number"], item[:40])


def test_responsibilities_are_quoted_from_section_v(
    doc: dict, source_lines: list[str], agency_ids: set[str]
) -> None:
    text = section(source_lines, "V. TỔ CHỨC THỰC", "Nơi nhận:")
    assert [r["number"] for r in doc["responsibilities"]] == list(range(1, 11))
    for part in doc["responsibilities"]:
        assert f"{part['number']}. {part['heading']}" in text, part["number"]
        assert part["items"], part["number"]
        for item in part["items"]:
            assert item in text, (part["number"], item[:40])
        assert part["agencies"] and set(part["agencies"]) <= agency_ids | TOKENS
