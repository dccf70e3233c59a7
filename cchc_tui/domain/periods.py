"""Reporting periods of administrative-reform reports and their submission deadlines.

Data cut-off follows Decree 09/2019/NĐ-CP as applied by the Ministry of Home Affairs:
Q1 = 15/12 of the prior year → 14/3; H1 = 15/12 → 14/6; Q3 = 15/6 → 14/9;
Y = 15/12 → 14/12. The province reports to the Ministry by the 20th of the period's
last month, so an agency's deadline is earlier: by default the 15th, the day after
the cut-off (a setting, `deadline_day`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

KINDS = ("Q1", "H1", "Q3", "Y")
DEFAULT_DEADLINE_DAY = 15
_END_MONTH = {"Q1": 3, "H1": 6, "Q3": 9, "Y": 12}
_LABELS = {
    "Q1": "Quý I/{y}",
    "H1": "6 tháng đầu năm {y}",
    "Q3": "Quý III/{y}",
    "Y": "Năm {y}",
}
_SHORT_LABELS = {**_LABELS, "H1": "6 tháng/{y}"}
_ID = re.compile(r"^(\d{4})-(Q1|H1|Q3|Y)$")


class PeriodError(ValueError):
    """A period id that does not exist; the message says what is accepted."""


@dataclass(frozen=True, order=True)
class ReportingPeriod:
    """One reporting period, e.g. `2025-Q1` (15/12/2024 → 14/3/2025)."""

    end: dt.date
    year: int
    kind: str

    @property
    def id(self) -> str:
        """Stable id such as `2025-H1`."""
        return f"{self.year}-{self.kind}"

    @property
    def start(self) -> dt.date:
        """First day whose data belongs to the period."""
        if self.kind == "Q3":
            return dt.date(self.year, 6, 15)
        return dt.date(self.year - 1, 12, 15)

    @property
    def label(self) -> str:
        """Vietnamese name: "Quý I/2025", "Năm 2025" …"""
        return _LABELS[self.kind].format(y=self.year)

    @property
    def short_label(self) -> str:
        """The name in at most 12 characters, for narrow columns: "Quý III/2025", "6 tháng/2025"."""
        return _SHORT_LABELS[self.kind].format(y=self.year)

    def deadline(self, day: int = DEFAULT_DEADLINE_DAY) -> dt.date:
        """The agency's submission deadline: `day` of the period's last month."""
        return dt.date(self.year, self.end.month, day)

    def __str__(self) -> str:
        return self.id


def make_period(year: int, kind: str) -> ReportingPeriod:
    """The period of `kind` in `year`."""
    return ReportingPeriod(dt.date(year, _END_MONTH[kind], 14), year, kind)


def parse_period(period_id: str) -> ReportingPeriod:
    """Parse `2025-Q1` style ids; PeriodError (Vietnamese) otherwise."""
    m = _ID.match(period_id.strip().upper())
    if not m:
        raise PeriodError(
            f"Kỳ báo cáo '{period_id}' không hợp lệ: dùng dạng NĂM-KỲ, "
            "ví dụ 2025-Q1, 2025-H1, 2025-Q3, 2025-Y."
        )
    return make_period(int(m.group(1)), m.group(2))


def period_label(period_id: str, *, short: bool = False) -> str:
    """The Vietnamese name of a period id for officers' screens ("2025-Y" → "Năm 2025");
    an id that is not a period is returned as it is."""
    try:
        period = parse_period(period_id)
    except PeriodError:
        return period_id
    return period.short_label if short else period.label


def periods_between(start: dt.date, end: dt.date) -> list[ReportingPeriod]:
    """Periods of the years `start.year`..`end.year` whose cut-off is on or after `start`.

    A period belongs to the year of its cut-off, so `2026-Q1` (which begins on
    15/12/2025) is not part of a plan ending on 31/12/2025.
    """
    found = [make_period(year, kind) for year in range(start.year, end.year + 1) for kind in KINDS]
    return sorted(p for p in found if p.end >= start)


def current_period(
    periods: list[ReportingPeriod], today: dt.date, deadline_day: int
) -> ReportingPeriod:
    """The period being reported on `today`: the first whose deadline has not passed.

    Before the first period that is the first; after the last, the last one
    (the plan is then in its final review).
    """
    for period in periods:
        if today <= period.deadline(deadline_day):
            return period
    return periods[-1]


def days_left_text(deadline: dt.date, today: dt.date) -> str:
    """ "còn 5 ngày", "hạn chót hôm nay", "quá hạn 3 ngày"."""
    days = (deadline - today).days
    if days > 0:
        return f"còn {days} ngày"
    if days == 0:
        return "hạn chót hôm nay"
    return f"quá hạn {-days} ngày"
