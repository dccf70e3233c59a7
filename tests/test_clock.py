"""The one clock: Vietnam's date without pendulum, pinned dates, `--today` parsing."""

import datetime as dt

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc_tui.domain.clock import (
    TIMEZONE,
    VIETNAM,
    Clock,
    ClockError,
    clock_from,
    parse_moment,
    vietnam_day,
)


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


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2025-03-10T09:00:00+07:00", dt.date(2025, 3, 10)),
        ("2025-03-14T20:00:00Z", dt.date(2025, 3, 15)),  # 03:00 on the 15th in Vietnam
        ("2025-03-14T16:59:59+00:00", dt.date(2025, 3, 14)),
        ("2025-03-15T00:30:00+09:00", dt.date(2025, 3, 14)),
    ],
)
def test_signed_times_are_judged_on_vietnams_calendar(text, day):
    moment = parse_moment(text)
    assert moment is not None and vietnam_day(moment) == day


@pytest.mark.parametrize(
    "text", ["2025-03-10T09:00:00", "2025-03-10", "2025-02-30T09:00:00+07:00", "", "hôm nay", 5]
)
def test_a_time_without_offset_or_not_a_time_is_refused(text):
    assert parse_moment(text) is None


def test_a_bundle_signed_late_evening_utc_counts_on_the_next_vietnamese_day():
    from cchc_tui.domain.office.rules import submitted_on

    assert submitted_on("2025-12-15T18:00:00Z", "2025-12-16T08:00:00+07:00") == dt.date(
        2025, 12, 16
    )


def _pendulum_moment(text: str) -> dt.datetime | None:
    try:
        moment = pendulum.parse(text, exact=True, strict=True)
    except (ValueError, TypeError, OverflowError):
        return None
    return moment if isinstance(moment, dt.datetime) else None


@given(
    st.tuples(
        st.integers(0, 9999),
        *(st.integers(0, top + 1) for top in (13, 32, 24, 60, 60)),  # and one past
        st.sampled_from(["Z", "+", "-"]),
        st.integers(0, 23),
        st.integers(0, 59),
    )
)
def test_the_usual_form_is_read_without_pendulum_as_pendulum_reads_it(parts):
    """`2025-03-10T09:00:00+07:00`, the form bundles carry, skips pendulum's import (the
    office's grid paints sooner); any value, real or not, reads as pendulum reads it."""
    year, month, day, hour, minute, second, sign, off_h, off_m = parts
    zone = "Z" if sign == "Z" else f"{sign}{off_h:02d}:{off_m:02d}"
    text = f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}{zone}"
    ours, theirs = parse_moment(text), _pendulum_moment(text)
    assert (ours is None) == (theirs is None), text
    if ours is not None:
        assert ours == theirs and ours.utcoffset() == theirs.utcoffset(), text
