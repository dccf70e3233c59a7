"""The one clock: Vietnam's date without pendulum, pinned dates, `--today` parsing."""

import datetime as dt

import pendulum
import pytest

from cchc_tui.domain.clock import TIMEZONE, VIETNAM, Clock, ClockError, clock_from


def test_fixed_offset_matches_the_time_zone_database_across_the_plan_years():
    for year in range(2019, 2031):
        for month in (1, 4, 7, 10):
            moment = pendulum.datetime(year, month, 1, 17, 30, tz=TIMEZONE)
            assert moment.utcoffset() == VIETNAM.utcoffset(None), moment


def test_today_is_the_date_in_vietnam_not_utc():
    expected = dt.datetime.now(dt.timezone.utc).astimezone(VIETNAM).date()
    assert Clock().today() == expected == pendulum.now(TIMEZONE).date()


def test_pinned_date_keeps_the_real_time_of_day_in_now_iso():
    clock = clock_from("2025-03-10", {})
    assert clock.today() == dt.date(2025, 3, 10)
    stamp = clock.now_iso()
    assert stamp.startswith("2025-03-10T") and stamp.endswith("+07:00")


def test_bad_today_says_how_to_write_a_date():
    with pytest.raises(ClockError, match="NĂM-THÁNG-NGÀY"):
        clock_from(None, {"CCHC_TODAY": "10/03/2025"})
