"""Task slots and deadlines follow each task's timeline; targets apply to their phase."""

import datetime as dt

import pytest

from cchc_tui.domain.periods import parse_period
from cchc_tui.services import catalog


@pytest.fixture
def plan(ws):
    return catalog.load_plan(ws)


def test_plan_metadata_and_version(plan):
    assert (plan.number, plan.date, plan.end) == (
        "56/KH-UBND",
        dt.date(2020, 5, 20),
        dt.date(2025, 12, 31),
    )
    assert len(plan.version) == 64


@pytest.mark.parametrize(
    ("code", "first", "last", "due_in_2025_q1"),
    [
        ("I.1", "2020-H1", "2020-Y", None),  # "2020": no slot in 2025
        ("I.5", "2021-Q1", "2021-Y", None),  # "2021"
        ("VI.1", "2020-H1", "2025-Y", dt.date(2025, 12, 31)),  # "2020" → "2021 - 2025"
        ("I.3", "2020-H1", "2025-Y", dt.date(2025, 12, 31)),  # annual: end of each year
        ("I.6", "2020-H1", "2025-Y", dt.date(2025, 3, 15)),  # ongoing: every period
        ("II.1", "2020-H1", "2025-Y", None),  # by regulation: no fixed date
    ],
)
def test_slots_and_deadlines_follow_the_timeline(plan, code, first, last, due_in_2025_q1):
    task = plan.task(code)
    periods = plan.task_periods(task)
    assert (periods[0].id, periods[-1].id) == (first, last)
    q1 = parse_period("2025-Q1")
    if plan.is_active(task, q1):
        assert plan.due_date(task, q1, 15) == due_in_2025_q1
    else:
        assert due_in_2025_q1 is None


def test_annual_task_is_due_at_the_end_of_the_period_year(plan):
    assert plan.due_date(plan.task("I.3"), parse_period("2022-H1"), 15) == dt.date(2022, 12, 31)


def test_indicator_targets_apply_to_their_phase_only(plan):
    by_id = {i.id: i for i in plan.indicators}
    satisfaction = by_id["satisfaction"]
    assert satisfaction.target_for(2020).min_bp == 8000
    assert satisfaction.target_for(2023).min_bp == 9000
    assert by_id["postal_procedures"].target_for(2020) is None  # a 2021–2025 target only
    assert by_id["postal_dossiers"].target_for(2022) is None  # a 2020 target only


def test_headings_show_the_source_typo_corrected_while_the_data_keeps_it(ws) -> None:
    from cchc_tui.domain.plan import display_title

    title = catalog.load_plan(ws).groups["II"]
    assert "CẢI CẢI CÁCH" in title  # as the source writes it (held by test_plan_fidelity)
    assert display_title(title) == "NHÓM NHIỆM VỤ VÀ GIẢI PHÁP CẢI CÁCH THỂ CHẾ"
    assert display_title("CẢI CÁCH THỦ TỤC HÀNH CHÍNH") == "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"
