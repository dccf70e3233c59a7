"""Commune ids from kind and name alone, and the rows of a commune list file."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc_tui.domain.communes import (
    CommuneError,
    commune_id,
    full_name,
    parse_date,
    parse_kind,
    parse_rows,
)

ID = re.compile(r"(xa|phuong)-[a-z0-9]+(-[a-z0-9]+)*")


@pytest.mark.parametrize(
    ("name", "kind", "expected"),
    [
        ("Xã Tân Long", None, "xa-tan-long"),
        ("Phường Minh Xuân", None, "phuong-minh-xuan"),
        ("Tân Long", "xa", "xa-tan-long"),
        ("xa tan long", None, "xa-tan-long"),
        ("  XÃ   TÂN   LONG ", None, "xa-tan-long"),
        ("Phường Hà Giang 1", None, "phuong-ha-giang-1"),
        ("Xã Đông Thọ", None, "xa-dong-tho"),
        ("Xã Lũng Cú", "xa", "xa-lung-cu"),
    ],
)
def test_ids_come_from_kind_and_name(name, kind, expected):
    assert commune_id(name, kind) == expected


def test_the_same_name_as_a_ward_and_as_a_commune_are_two_ids():
    assert commune_id("Yên Sơn", "xa") != commune_id("Yên Sơn", "phuong")


VIET = st.text(
    alphabet=st.sampled_from(
        list("aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằắẳặầấậèéẹềếệìíịòóọồốộờớợùúụừứựỳýỵ 0123456789")
    ),
    min_size=1,
    max_size=30,
).filter(lambda s: s.strip() and s.strip()[0].isalnum())


@given(VIET, st.sampled_from(["xa", "phuong"]))
def test_ids_are_ascii_and_stable_however_the_name_is_typed(bare, kind):
    written = full_name(bare, kind)
    expected = commune_id(bare, kind)
    assert ID.fullmatch(expected), expected
    for variant in (
        written,
        written.upper(),
        unicodedata.normalize("NFD", written),
        f"  {written.replace(' ', '   ')}  ",
    ):
        assert commune_id(variant) == expected
        assert commune_id(variant, kind) == expected


@given(VIET)
def test_a_name_without_its_kind_needs_one(bare):
    with pytest.raises(CommuneError):
        commune_id(bare)


@pytest.mark.parametrize(
    ("name", "kind", "says"),
    [
        ("Xã Tân Long", "phuong", "ghi Xã"),
        ("Thị trấn Na Hang", None, "thị trấn"),
        ("Xã", None, "chưa"),
        ('=HYPERLINK("x")', "xa", "chữ cái"),
        ("Xã Tân\x1bLong", None, "điều khiển"),
        ("Xã " + "Tân Long " * 20, None, "quá dài"),
    ],
)
def test_unusable_names_say_why(name, kind, says):
    with pytest.raises(CommuneError, match=says):
        commune_id(name, kind)


def test_kinds_and_dates_as_officers_type_them():
    assert parse_kind("Xã") == parse_kind("xa") == "xa"
    assert parse_kind("PHƯỜNG") == "phuong"
    with pytest.raises(CommuneError, match="xã hoặc phường"):
        parse_kind("thị trấn")
    day = dt.date(2025, 7, 1)
    assert parse_date("01/07/2025") == parse_date("2025-07-01") == parse_date(day) == day
    assert parse_date(dt.datetime(2025, 7, 1, 0, 0)) == day
    with pytest.raises(CommuneError, match="01/07/2025"):
        parse_date("1 tháng 7")


def test_rows_of_a_list_with_its_errors_by_line():
    rows = [
        ["Tên", "Loại", "Từ ngày", "Tỉnh cũ"],
        ["Xã Tân Long", "xã", "01/07/2025", "Tuyên Quang"],
        ["", "", "", ""],
        ["Minh Xuân", "phường", "01/07/2025", None],
        ["Xã Tân Long", "xã", "01/07/2025", "Tuyên Quang"],
        ["Xã Lũng Cú", "thị trấn", "01/07/2025", "Hà Giang"],
        ["Xã Bạch Đích", "xã", "31/02/2025", "Hà Giang"],
    ]
    listings, errors = parse_rows(rows)
    assert [(c.line, c.id, c.name) for c in listings] == [
        (2, "xa-tan-long", "Xã Tân Long"),
        (4, "phuong-minh-xuan", "Phường Minh Xuân"),
    ]
    assert listings[0].former_province == "Tuyên Quang" and listings[1].former_province is None
    assert [e.split(":")[0] for e in errors] == ["dòng 5", "dòng 6", "dòng 7"]
    assert "dòng 2" in errors[0]


def test_columns_are_found_by_header_in_any_order_and_spelling():
    listings, errors = parse_rows([["tu ngay", "TEN", "loai"], ["2025-07-01", "Tân Long", "xa"]])
    assert not errors and listings[0].id == "xa-tan-long"
    with pytest.raises(CommuneError, match="Tên, Loại, Từ ngày"):
        parse_rows([["Xã Tân Long", "xã", "01/07/2025"]])
