"""Indicator rollups: one value for the province from the values agencies reported."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from cchc_tui.domain.clock import parse_moment
from cchc_tui.domain.office.records import TaskRecord

RATIO_OF_SUMS = "ratio_of_sums"
MEAN_OF_RATIOS = "mean_of_ratios"
SUM = "sum"
"""A count indicator ("hồ sơ"): the province's value is the sum of the agencies' counts."""
ROLLUP_LABELS = {
    RATIO_OF_SUMS: "tổng tử số / tổng mẫu số",
    MEAN_OF_RATIOS: "trung bình tỷ lệ của các cơ quan",
    SUM: "tổng số của các cơ quan",
}


@dataclass(frozen=True)
class Contribution:
    """One agency's value of one indicator, and the task record it came from."""

    agency_id: str
    task: str
    numerator: int
    denominator: int

    @property
    def value_bp(self) -> int:
        """The agency's own ratio in basis points."""
        return ratio_bp(self.numerator, self.denominator)


@dataclass(frozen=True)
class RolledUp:
    """The province's figure for an indicator: `value_bp` is basis points for a ratio, the
    summed count for a count (rollup `sum`)."""

    rollup: str
    numerator: int
    denominator: int
    value_bp: int | None
    agencies: int


def ratio_bp(numerator: int, denominator: int) -> int:
    """numerator/denominator in basis points, rounded half up, integers only."""
    return (2 * 10_000 * numerator + denominator) // (2 * denominator)


def roll_up(rollup: str, contributions: Iterable[Contribution]) -> RolledUp:
    """Combine agencies' values by the indicator's rule (ValueError for an unknown rule)."""
    items = list(contributions)
    num = sum(c.numerator for c in items)
    den = sum(c.denominator for c in items)
    if rollup == RATIO_OF_SUMS:
        value = ratio_bp(num, den) if den else None
    elif rollup == SUM:
        value = num if items else None
    elif rollup == MEAN_OF_RATIOS:
        value = (
            (sum(c.value_bp for c in items) * 2 + len(items)) // (2 * len(items)) if items else None
        )
    else:
        raise ValueError(f"unknown rollup {rollup!r}")
    return RolledUp(rollup, num, den, value, len(items))


def agency_values(records: Iterable[TaskRecord]) -> dict[str, Contribution]:
    """One value per indicator for one agency's bundle.

    An indicator tied to several tasks may be reported under more than one of them;
    the value saved last (revision time, then task order) counts, never both.
    """
    chosen: dict[str, tuple[tuple, Contribution]] = {}
    for order, record in enumerate(records):
        moment = parse_moment(record.revision_at)
        rank = (moment.timestamp() if moment else float("-inf"), -order)
        for value in record.indicators:
            item = Contribution("", record.task, value.numerator, value.denominator)
            if value.indicator_id not in chosen or rank > chosen[value.indicator_id][0]:
                chosen[value.indicator_id] = (rank, item)
    return {key: item for key, (_rank, item) in chosen.items()}


def contributions_by_indicator(
    records_by_agency: Mapping[str, Iterable[TaskRecord]],
) -> dict[str, list[Contribution]]:
    """Every agency's value, grouped by indicator id (agencies in the mapping's order)."""
    grouped: dict[str, list[Contribution]] = {}
    for agency_id, records in records_by_agency.items():
        for indicator_id, item in agency_values(records).items():
            grouped.setdefault(indicator_id, []).append(
                Contribution(agency_id, item.task, item.numerator, item.denominator)
            )
    return grouped
