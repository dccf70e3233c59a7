"""Timelines as written in the plan, normalised to a kind with the raw text kept."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc_tui.domain.timelines import parse_timeline


@pytest.mark.parametrize(
    ("raw", "kind", "years"),
    [
        ("2020", "year", (2020, 2020)),
        ("2021\n- 2025", "range", (2021, 2025)),
        ("2021-2025", "range", (2021, 2025)),
        ("Hằng\nnăm", "annual", (None, None)),
        ("Thường xuyên", "ongoing", (None, None)),
        ("Theo quy định của pháp luật", "regulation", (None, None)),
        ("Theo hướng dẫn của Bộ Nội vụ và Kế hoạch của UBND tỉnh", "regulation", (None, None)),
    ],
)
def test_plan_timelines(raw, kind, years):
    timeline = parse_timeline(raw)
    assert timeline.kind == kind
    assert (timeline.first_year, timeline.last_year) == years
    assert timeline.raw == " ".join(raw.split())


def test_typed_without_diacritics_still_recognised():
    assert parse_timeline("hang nam").kind == "annual"
    assert parse_timeline("THUONG XUYEN").kind == "ongoing"


def test_backwards_range_is_not_a_range():
    assert parse_timeline("2025 - 2021").kind == "unknown"


@given(st.text())
def test_any_text_keeps_its_raw_form_and_never_crashes(text):
    timeline = parse_timeline(text)
    assert timeline.raw == " ".join(text.split())
    assert timeline.to_dict()["raw"] == timeline.raw
