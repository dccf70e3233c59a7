"""The deadline vocabulary of reform plans: each written form, its report years and due date."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc_tui.domain.periods import make_period
from cchc_tui.domain.plan import Assignment, Plan, Task
from cchc_tui.domain.timelines import parse_timeline

YEARS = st.integers(min_value=1990, max_value=2100)
DAYS = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31))


@pytest.mark.parametrize(
    ("raw", "kind", "due"),
    [
        ("30/06/2026", "date", dt.date(2026, 6, 30)),
        ("Trước 30/6/2026", "before", dt.date(2026, 6, 30)),
        ("trước ngày 15/3/2026", "before", dt.date(2026, 3, 15)),
        ("Tháng 6/2026", "month", dt.date(2026, 6, 30)),
        ("Tháng 2/2028", "month", dt.date(2028, 2, 29)),
        ("Quý II/2026", "quarter", dt.date(2026, 6, 30)),
        ("Quý IV/2026", "quarter", dt.date(2026, 12, 31)),
        ("quy 1 nam 2026", "quarter", dt.date(2026, 3, 31)),
        ("6 tháng đầu năm 2026", "half", dt.date(2026, 6, 30)),
        ("6 tháng cuối năm 2026", "half", dt.date(2026, 12, 31)),
        ("Năm 2026", "year", dt.date(2026, 12, 31)),
        ("2026", "year", dt.date(2026, 12, 31)),
        ("2026-2030", "range", dt.date(2030, 12, 31)),
        ("Giai đoạn 2026 - 2030", "range", dt.date(2030, 12, 31)),
        ("Hằng năm", "annual", None),
        ("Thường xuyên", "ongoing", None),
        ("Theo quy định", "regulation", None),
    ],
)
def test_each_written_form_has_its_kind_and_due_date(raw, kind, due):
    timeline = parse_timeline(raw)
    assert (timeline.kind, timeline.due) == (kind, due)
    assert timeline.raw == raw


@pytest.mark.parametrize("raw", ["31/02/2026", "Quý V/2026", "Tháng 13/2026", "Quý II", "0000"])
def test_impossible_dates_are_not_deadlines(raw):
    assert parse_timeline(raw).kind == "unknown"


@given(DAYS)
def test_a_date_is_due_that_day_written_either_way(day):
    for raw in (f"{day.day}/{day.month}/{day.year}", f"{day:%d/%m/%Y}", f"Trước {day:%d/%m/%Y}"):
        assert parse_timeline(raw).due == day


@given(YEARS, st.integers(1, 12))
def test_a_month_is_due_on_its_last_day(year, month):
    due = parse_timeline(f"Tháng {month}/{year}").due
    assert (due.year, due.month) == (year, month)
    assert (due + dt.timedelta(days=1)).day == 1


@given(YEARS, st.integers(1, 4), st.booleans())
def test_a_quarter_ends_with_its_third_month_roman_or_arabic(year, quarter, roman):
    numeral = ("I", "II", "III", "IV")[quarter - 1] if roman else str(quarter)
    timeline = parse_timeline(f"Quý {numeral}/{year}")
    assert timeline.due.month == 3 * quarter and (timeline.due + dt.timedelta(days=1)).day == 1
    assert parse_timeline(timeline.label) == timeline.__class__(
        timeline.label, timeline.kind, year, year, timeline.parts
    )


@given(YEARS, st.sampled_from(["Quý II/{y}", "Tháng 6/{y}", "Trước 30/6/{y}", "Năm {y}", "{y}"]))
def test_a_dated_task_reports_in_its_year_only(year, form):
    end = parse_timeline(form.format(y=year))
    task = Task("I.1", "I", "x", Assignment("", ()), Assignment("", ()), end, end)
    plan = Plan(
        "p",
        "1/KH",
        dt.date(year - 1, 1, 1),
        "",
        "",
        dt.date(year - 1, 1, 1),
        dt.date(year + 1, 12, 31),
        "v",
        {},
        (task,),
        (),
    )
    assert {p.year for p in plan.task_periods(task)} == {year}
    assert plan.due_date(task, make_period(year, "Q1"), 15) == end.due


@given(st.text())
def test_any_text_parses_without_error_and_its_due_date_is_a_date_or_none(text):
    timeline = parse_timeline(text)
    assert timeline.due is None or isinstance(timeline.due, dt.date)
    assert isinstance(timeline.label, str)
