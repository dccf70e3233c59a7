"""Agency text made safe to show: what a reader sees for each kind of hostile character."""

import re

from hypothesis import given
from hypothesis import strategies as st

from cchc_tui.domain.safe_text import (
    TRUNCATED,
    XLSX_CELL_MAX,
    cell_text,
    control_characters,
    describe_character,
    formula_like,
    markdown_inline,
    one_line,
    visible,
    without_controls,
)

XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
ANY_TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=200)


def test_each_control_character_is_shown_by_a_mark():
    assert visible("Dòng 1\vDòng 2") == "Dòng 1↵Dòng 2"  # Word's Shift+Enter
    assert visible("chuông\x07 \x1b[31m \x00 \x7f") == "chuông␇ ␛[31m ␀ ␡"
    assert visible("C1\x85\x9b, \ufffe, \ud800") == "C1��, �, �"
    assert visible("a\r\nb\rc\td\n") == "a\nb\nc\td\n"  # line breaks and tabs are text


def test_one_line_keeps_a_mark_where_lines_broke():
    assert one_line("Thiếu người\nThiếu tiền\tgấp") == "Thiếu người ↵ Thiếu tiền gấp"


def test_agency_side_names_the_characters_and_can_remove_them():
    text = "Kết quả\vđạt\x07\x07 tốt\r\n"
    assert control_characters(text) == ["\x0b", "\x07"]
    assert describe_character("\x0b") == "U+000B (xuống dòng của Word, Shift+Enter)"
    assert describe_character("\x07") == "U+0007 (␇)"
    assert without_controls(text) == "Kết quả\nđạt tốt\n"


def test_formula_like_text_is_recognised_even_after_spaces():
    for text in ("=1+1", '  =HYPERLINK("http://x","y")', "+84", "-1", "@SUM(A1)"):
        assert formula_like(text)
    assert not formula_like("Kế hoạch 56/KH-UBND") and not formula_like("  ")


def test_markdown_never_becomes_a_link_emphasis_html_or_a_new_column():
    assert markdown_inline("[bấm](http://x) *đậm* <b>|") == (r"\[bấm\](http://x) \*đậm\* \<b\>\|")
    assert markdown_inline("dòng 1\ndòng 2\v") == "dòng 1<br>dòng 2↵"


def test_a_cell_holds_at_most_what_a_spreadsheet_holds():
    long = "x" * (XLSX_CELL_MAX + 10)
    cut = cell_text(long)
    assert len(cut) == XLSX_CELL_MAX and cut.endswith(TRUNCATED)
    assert cell_text("ngắn\v") == "ngắn↵"


@given(ANY_TEXT)
def test_visible_text_holds_nothing_xml_or_a_terminal_would_act_on(text):
    shown = visible(text)
    assert not XML_ILLEGAL.search(shown)
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", shown)
    assert visible(shown) == shown
    shown.encode("utf-8")  # no lone surrogate left
    assert control_characters(shown) == []


@given(ANY_TEXT)
def test_markdown_inline_text_stays_in_its_table_cell(text):
    shown = markdown_inline(text)
    assert "\n" not in shown and "\r" not in shown
    assert re.search(r"(?<!\\)(\\\\)*\|", shown) is None  # every | is escaped
