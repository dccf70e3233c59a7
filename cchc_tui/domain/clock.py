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
    import pendulum

    try:
        moment = pendulum.parse(text.strip(), exact=True, strict=True)
    except (ValueError, TypeError, OverflowError):  # pendulum's ParserError is a ValueError
        return None
    return moment if isinstance(moment, dt.datetime) else None


def vietnam_day(moment: dt.datetime) -> dt.date:
    """The calendar day in Vietnam at `moment`, whatever offset it was written with."""
    return moment.astimezone(VIETNAM).date()
