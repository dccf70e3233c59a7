"""Reporting periods: cut-off dates across year boundaries, deadlines, the current period."""

import datetime as dt

import pytest

from cchc_tui.domain.periods import (
    PeriodError,
    current_period,
    days_left_text,
    parse_period,
    period_label,
    periods_between,
)

D = dt.date


@pytest.mark.parametrize(
    ("period_id", "start", "end"),
    [
        ("2021-Q1", D(2020, 12, 15), D(2021, 3, 14)),
        ("2025-H1", D(2024, 12, 15), D(2025, 6, 14)),
        ("2025-Q3", D(2025, 6, 15), D(2025, 9, 14)),
        ("2025-Y", D(2024, 12, 15), D(2025, 12, 14)),
    ],
)
def test_period_cut_off_dates(period_id, start, end):
    period = parse_period(period_id)
    assert (period.start, period.end, period.id) == (start, end, period_id)


def test_default_deadline_is_the_day_after_cut_off_and_before_the_ministry_date():
    assert parse_period("2025-Q1").deadline() == D(2025, 3, 15)
    assert parse_period("2025-Y").deadline(10) == D(2025, 12, 10)


@pytest.mark.parametrize("bad", ["2025-Q2", "2025", "Q1-2025", "", "2025-Q4"])
def test_bad_period_id_says_what_is_accepted(bad):
    with pytest.raises(PeriodError, match="2025-Q1"):
        parse_period(bad)


def test_plan_periods_start_after_the_plan_date_and_stop_at_its_last_year():
    periods = periods_between(D(2020, 5, 20), D(2025, 12, 31))
    ids = [p.id for p in periods]
    assert ids[:4] == ["2020-H1", "2020-Q3", "2020-Y", "2021-Q1"]
    assert ids[-1] == "2025-Y"
    assert "2026-Q1" not in ids
    assert len(ids) == 3 + 5 * 4


def test_current_period_moves_on_after_each_deadline():
    periods = periods_between(D(2020, 5, 20), D(2025, 12, 31))
    assert current_period(periods, D(2025, 3, 15), 15).id == "2025-Q1"
    assert current_period(periods, D(2025, 3, 16), 15).id == "2025-H1"
    assert current_period(periods, D(2019, 1, 1), 15).id == "2020-H1"


def test_after_the_plan_ends_the_last_period_stays_current():
    periods = periods_between(D(2020, 5, 20), D(2025, 12, 31))
    assert current_period(periods, D(2026, 11, 26), 15).id == "2025-Y"


def test_days_left_wording():
    assert days_left_text(D(2025, 3, 15), D(2025, 3, 10)) == "còn 5 ngày"
    assert days_left_text(D(2025, 3, 15), D(2025, 3, 15)) == "hạn chót hôm nay"
    assert days_left_text(D(2025, 3, 15), D(2025, 3, 18)) == "quá hạn 3 ngày"


@pytest.mark.parametrize(
    ("period_id", "label", "short"),
    [
        ("2025-Q1", "Quý I/2025", "Quý I/2025"),
        ("2025-H1", "6 tháng đầu năm 2025", "6 tháng/2025"),
        ("2025-Q3", "Quý III/2025", "Quý III/2025"),
        ("2025-Y", "Năm 2025", "Năm 2025"),
    ],
)
def test_officers_read_period_names_not_ids(period_id: str, label: str, short: str) -> None:
    assert period_label(period_id) == label
    assert period_label(period_id, short=True) == short
    assert len(short) <= 12  # fits the dashboard's narrow column


def test_a_label_of_something_that_is_not_a_period_is_that_text() -> None:
    assert period_label("không phải kỳ") == "không phải kỳ"
