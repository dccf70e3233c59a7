"""One clock for the whole program (Asia/Ho_Chi_Minh), overridable for tests and review."""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass

TIMEZONE = "Asia/Ho_Chi_Minh"
VIETNAM = dt.timezone(dt.timedelta(hours=7))
"""Vietnam keeps UTC+07:00 all year (no daylight saving since 1975)."""
ENV_TODAY = "CCHC_TODAY"
_OFFSET = re.compile(r"(?:Z|[+-]\d{2}(?::?\d{2})?)$")
_PLAIN = re.compile(
    r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:Z|([+-])([01]\d|2[0-3]):([0-5]\d))"
)
"""The form this program and its bundles write (`2025-03-10T09:00:00+07:00`): read
without pendulum, whose import costs more than a whole screen of the office's grid."""


class ClockError(ValueError):
    """A `--today` value that is not a real date."""


@dataclass(frozen=True)
class Clock:
    """Gives today's date and the current time; `fixed_today` pins the date."""

    fixed_today: dt.date | None = None

    def today(self) -> dt.date:
        """Today's date in Vietnam (or the pinned date).

        The fixed UTC+07:00 offset gives pendulum's Asia/Ho_Chi_Minh date without
        importing pendulum, so reading screens and commands start faster.
        """
        if self.fixed_today is not None:
            return self.fixed_today
        return dt.datetime.now(VIETNAM).date()

    def now_iso(self) -> str:
        """Current time as ISO 8601 with the +07:00 offset, second precision.

        With a pinned date the time of day is still real, so revisions keep order.
        Uses the fixed UTC+07:00 offset like `today()` (no pendulum import on writes).
        """
        now = dt.datetime.now(VIETNAM).replace(microsecond=0)
        if self.fixed_today is not None:
            day = self.fixed_today
            now = now.replace(year=day.year, month=day.month, day=day.day)
        return now.isoformat()


def parse_day(text: str) -> dt.date:
    """Parse YYYY-MM-DD (as in `--today 2025-03-01`)."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ClockError(
            f"Ngày '{text}' không hợp lệ: dùng dạng NĂM-THÁNG-NGÀY, ví dụ 2025-03-01."
        ) from None


def clock_from(today_arg: str | None = None, environ: dict[str, str] | None = None) -> Clock:
    """The program's clock: `--today` wins over `CCHC_TODAY`, else the real date."""
    env = os.environ if environ is None else environ
    text = today_arg or env.get(ENV_TODAY)
    return Clock(parse_day(text) if text else None)


def parse_moment(text: object) -> dt.datetime | None:
    """An ISO 8601 time that states its offset (`…+07:00`, `…Z`), or None.

    Signed times come from other programs too: pendulum reads every ISO 8601 form the
    same way on every Python (3.10's `fromisoformat` refuses `Z`). Imported here, on
    the office's import path, never before the agency's first screen is painted.
    """
    if not isinstance(text, str) or not _OFFSET.search(text.strip()):
        return None
    if (plain := _PLAIN.fullmatch(text.strip())) is not None:
        try:
            return _plain_moment(plain)
        except ValueError:  # no such day or second: pendulum decides, as for any other form
            pass
    import pendulum

    try:
        moment = pendulum.parse(text.strip(), exact=True, strict=True)
    except (ValueError, TypeError, OverflowError):  # pendulum's ParserError is a ValueError
        return None
    return moment if isinstance(moment, dt.datetime) else None


def _plain_moment(m: re.Match[str]) -> dt.datetime:
    year, month, day, hour, minute, second = (int(g) for g in m.groups()[:6])
    sign, off_h, off_m = m.group(7, 8, 9)
    offset = dt.timedelta(hours=int(off_h), minutes=int(off_m)) if sign else dt.timedelta()
    zone = dt.timezone(-offset if sign == "-" else offset)
    return dt.datetime(year, month, day, hour, minute, second, tzinfo=zone)


def vietnam_day(moment: dt.datetime) -> dt.date:
    """The calendar day in Vietnam at `moment`, whatever offset it was written with."""
    return moment.astimezone(VIETNAM).date()
