"""The sentences of the Word report, from recorded values."""

from cchc_tui.domain.report_text import (
    evidence_text,
    indicator_sentence,
    met_word,
    number_prefix,
    percent_vn,
    status_counts,
)


def test_indicator_sentence_says_value_and_target_in_vietnamese_numbers():
    assert indicator_sentence(45, 50, 8000) == "đạt 45/50 = 90% (chỉ tiêu ≥ 80%)"
    assert indicator_sentence(1, 3, None) == (
        "đạt 1/3 = 33,3% (kế hoạch không đặt chỉ tiêu cho năm này)"
    )
    assert indicator_sentence(0, 0, 9000) == "chưa có số liệu (chỉ tiêu ≥ 90%)"


def test_percent_rounds_to_one_decimal_with_a_comma():
    assert [percent_vn(bp) for bp in (10000, 8333, 6667, 5, 0)] == [
        "100%",
        "83,3%",
        "66,7%",
        "0,1%",
        "0%",
    ]


def test_met_only_with_a_value_and_a_target():
    assert met_word(9, 10, 9000) == "Đạt"
    assert met_word(8, 10, 9000) == "Chưa đạt"
    assert met_word(8, 10, None) == "—"
    assert met_word(0, 0, 9000) == "—"


def test_status_counts_name_each_status_and_the_unreported():
    text = status_counts(["done", "done", "not_reported", "in_progress"])
    assert text == "4 nhiệm vụ: 2 hoàn thành, 1 đang triển khai, 1 chưa báo cáo"
    assert status_counts([]) == "0 nhiệm vụ"


def test_evidence_and_number_prefix():
    assert evidence_text("12/KH-STP", "2025-03-05", "Kế hoạch CCHC") == (
        "(số 12/KH-STP ngày 05/03/2025: Kế hoạch CCHC)"
    )
    assert evidence_text("12/KH-STP", "2025-03-05", "") == "(số 12/KH-STP ngày 05/03/2025)"
    assert number_prefix("Sở Tư pháp") == "BC-STP"
    assert number_prefix("Sở VH-TT&DL") == "BC-SVHTTDL"
