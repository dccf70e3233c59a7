"""The progress entry as the form holds it (typed text): from a saved entry, and compared."""

from __future__ import annotations

from cchc_tui.domain.progress import ProgressEntry, RawEntry, format_day

TEXTS = ("status", "progress", "result", "difficulties", "proposals")


def raw_from_entry(entry: ProgressEntry) -> RawEntry:
    """A saved entry as the form shows it (dates as dd/mm/yyyy)."""
    return RawEntry(
        status=entry.status,
        progress=str(entry.progress),
        result=entry.result,
        difficulties=entry.difficulties,
        proposals=entry.proposals,
        evidence=[(e.number, format_day(e.issued_on), e.summary) for e in entry.evidence],
        indicators={
            v.indicator_id: (str(v.numerator), str(v.denominator)) for v in entry.indicators
        },
    )


def same_entry(a: RawEntry, b: RawEntry) -> bool:
    """Equal for the officer: spaces around text, blank evidence rows and blank indicator
    pairs don't count."""
    return _normal(a) == _normal(b)


def _normal(raw: RawEntry) -> tuple:
    texts = tuple(getattr(raw, name).strip() for name in TEXTS)
    evidence = tuple(
        tuple(x.strip() for x in row) for row in raw.evidence if any(x.strip() for x in row)
    )
    indicators = tuple(
        sorted(
            (k, v[0].strip(), v[1].strip())
            for k, v in raw.indicators.items()
            if any(x.strip() for x in v)
        )
    )
    return (texts, evidence, indicators)
