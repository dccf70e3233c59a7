"""The registry: finding agencies as officers type them, and the 2025 reorganisation."""

import datetime as dt

import pytest

from cchc_tui.domain.agencies import AmbiguousAgency
from cchc_tui.services import catalog


@pytest.fixture
def registry(ws):
    return catalog.load_registry(ws)


@pytest.mark.parametrize(
    ("typed", "agency_id"),
    [
        ("so noi vu", "so-noi-vu"),
        ("SỞ NỘI VỤ", "so-noi-vu"),
        ("đai phat thanh", "dai-phat-thanh-truyen-hinh"),
        ("dai phat thanh", "dai-phat-thanh-truyen-hinh"),
        ("yen son", "huyen-yen-son"),
        ("chiem hoa", "huyen-chiem-hoa"),
        ("VP UBND tỉnh", "van-phong-ubnd"),
        ("tinh doan", "tinh-doan"),
        ("so-tu-phap", "so-tu-phap"),
    ],
)
def test_find_typed_with_or_without_diacritics(registry, typed, agency_id):
    assert registry.find(typed).id == agency_id


def test_ambiguous_name_lists_candidates(registry):
    with pytest.raises(AmbiguousAgency) as caught:
        registry.find("so")
    assert len(caught.value.candidates) > 5


def test_registry_covers_the_plan_and_says_when_agencies_ended(registry):
    kinds = {k: len(registry.of_kind(k)) for k in ("department", "body", "district")}
    assert kinds["district"] == 7 and kinds["body"] == 7 and kinds["department"] >= 19
    district = registry.get("huyen-lam-binh")
    assert district.exists_on(dt.date(2025, 6, 30)) and not district.exists_on(dt.date(2025, 7, 1))
    assert registry.get("so-noi-vu").exists_on(dt.date(2026, 1, 1))
    merged = registry.get("so-thong-tin-truyen-thong")
    assert merged.successor == "so-khoa-hoc-cong-nghe" and not merged.exists_on(dt.date(2025, 3, 1))
    assert all(a.id.isascii() for a in registry)
