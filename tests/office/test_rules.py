"""The office's domain rules: expectation, lateness, key standing, rollups, record shape."""

import datetime as dt
import subprocess
import sys

import pytest

from cchc_tui.domain.agencies import Agency
from cchc_tui.domain.office import rules
from cchc_tui.domain.office.records import RecordError, records_of
from cchc_tui.domain.office.rollup import (
    MEAN_OF_RATIOS,
    RATIO_OF_SUMS,
    Contribution,
    agency_values,
    ratio_bp,
    roll_up,
)
from cchc_tui.domain.periods import parse_period

DISTRICT = Agency(
    "huyen-yen-son", "UBND huyện Yên Sơn", "Yên Sơn", "district", valid_to=dt.date(2025, 6, 30)
)
MERGED = Agency(
    "so-ke-hoach-dau-tu", "Sở KH&ĐT", "Sở KH&ĐT", "department", valid_to=dt.date(2025, 2, 28)
)


def test_office_domain_is_free_of_ui_and_database():
    code = (
        "import sys, cchc_tui.domain.office.rules, cchc_tui.domain.office.rollup, cchc_tui.domain.office.records; "
        "bad = [m for m in ('textual', 'sqlmodel', 'sqlalchemy', 'sqlite3', 'cchc_tui.store',"
        " 'cchc_tui.services') if m in sys.modules]; print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("agency", "period", "expected", "may_report"),
    [
        (DISTRICT, "2025-Q1", True, True),
        (DISTRICT, "2025-H1", True, True),
        (DISTRICT, "2025-Q3", False, True),  # 15/6–14/9: existed until 30/6
        (DISTRICT, "2025-Y", False, True),  # gone on the cut-off day 14/12/2025
        (MERGED, "2025-Q1", False, True),
        (MERGED, "2025-Q3", False, False),
    ],
)
def test_expected_and_may_report_follow_the_agency_dates(agency, period, expected, may_report):
    p = parse_period(period)
    assert rules.expected_in(agency, p) is expected
    assert (rules.period_refusal(agency, p) is None) is may_report


def test_submission_day_is_signed_day_capped_by_arrival():
    assert rules.submitted_on("2025-03-10T09:00:00+07:00", "2025-03-20T08:00:00+07:00") == dt.date(
        2025, 3, 10
    )
    # a clock running ahead cannot make an agency late
    assert rules.submitted_on("2025-04-01T09:00:00+07:00", "2025-03-14T08:00:00+07:00") == dt.date(
        2025, 3, 14
    )


@pytest.mark.parametrize(
    ("expected", "submitted", "today", "status", "days"),
    [
        (True, dt.date(2025, 3, 15), dt.date(2025, 4, 1), rules.ON_TIME, 0),
        (True, dt.date(2025, 3, 18), dt.date(2025, 4, 1), rules.LATE, 3),
        (True, None, dt.date(2025, 3, 20), rules.MISSING, 5),
        (True, None, dt.date(2025, 3, 15), rules.NOT_DUE, 0),
        (False, None, dt.date(2025, 4, 1), rules.NOT_EXPECTED, 0),
    ],
)
def test_cell_status(expected, submitted, today, status, days):
    got = rules.cell_status(
        expected=expected, submitted=submitted, deadline=dt.date(2025, 3, 15), today=today
    )
    assert got == (status, days)


def test_revoked_key_refuses_bundles_signed_or_received_from_the_date():
    key = rules.KeyStanding("k", "a", "AB-CD", revoked_on=dt.date(2025, 3, 1), revoked_reason="mất")
    before = "2025-02-20T10:00:00+07:00"
    assert rules.key_refusal(key, before, dt.date(2025, 2, 25)) is None
    assert "thu hồi" in rules.key_refusal(key, before, dt.date(2025, 3, 1))
    assert "thu hồi" in rules.key_refusal(key, "2025-03-02T10:00:00+07:00", dt.date(2025, 2, 25))


def test_retired_key_counts_only_for_bundles_signed_before_the_rotation():
    key = rules.KeyStanding("k", "a", "AB", retired_at="2025-03-05T10:00:00+07:00")
    assert rules.key_refusal(key, "2025-03-05T09:59:59+07:00", dt.date(2025, 3, 9)) is None
    assert "khóa mới" in rules.key_refusal(key, "2025-03-05T10:00:00+07:00", dt.date(2025, 3, 9))


def test_rollups():
    items = [Contribution("a", "III.2", 1, 3), Contribution("b", "III.2", 90, 100)]
    assert ratio_bp(1, 3) == 3333 and ratio_bp(2, 3) == 6667
    total = roll_up(RATIO_OF_SUMS, items)
    assert (total.numerator, total.denominator, total.value_bp) == (91, 103, ratio_bp(91, 103))
    assert roll_up(MEAN_OF_RATIOS, items).value_bp == (3333 + 9000 + 1) // 2
    assert roll_up(RATIO_OF_SUMS, []).value_bp is None
    with pytest.raises(ValueError):
        roll_up("median", items)


def _record(task, at, indicators=(), **extra):
    return {
        "task": task,
        "roles": ["lead"],
        "status": "in_progress",
        "progress_bp": 5000,
        "result": "",
        "difficulties": "",
        "proposals": "",
        "evidence": [],
        "indicators": [{"id": i, "numerator": n, "denominator": d} for i, n, d in indicators],
        "revision": {"number": 1, "at": at, "by": "A"},
        **extra,
    }


def test_an_indicator_reported_under_two_tasks_counts_once_latest_save_wins():
    records = records_of(
        {
            "records": [
                _record("VI.1", "2025-03-01T08:00:00+07:00", [("x", 1, 10)]),
                _record("VI.2", "2025-03-02T08:00:00+07:00", [("x", 7, 10)]),
            ]
        }
    )
    assert agency_values(records)["x"].numerator == 7


def test_unreadable_records_are_refused_in_words():
    with pytest.raises(RecordError, match="không đúng cấu trúc"):
        records_of({"records": [{"task": "I.1"}]})


def test_a_closed_agency_signs_nothing_after_its_last_day():
    q1 = parse_period("2025-Q1")
    assert rules.agency_refusal(DISTRICT, q1, "2025-03-10T09:00:00+07:00") is None
    assert "kết thúc" in rules.agency_refusal(
        DISTRICT, parse_period("2025-Y"), "2025-12-10T09:00:00+07:00"
    )
    assert "không có trong kỳ" in rules.agency_refusal(
        MERGED, parse_period("2025-Q3"), "2025-02-10T09:00:00+07:00"
    )
