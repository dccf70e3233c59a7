"""Search folds diacritics and case; storage uses NFC."""

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from cchc_tui.domain.text import fold, nfc


def test_fold_removes_vietnamese_marks_and_case():
    assert fold("Sở Nội vụ") == "so noi vu"
    assert fold("ĐÀI PHÁT THANH") == "dai phat thanh"
    assert fold("đai phat thanh") == fold("Đài Phát thanh")


def test_nfd_and_nfc_fold_alike():
    text = "Chiêm Hóa"
    assert fold(unicodedata.normalize("NFD", text)) == fold(text)


@given(st.text())
def test_nfc_is_idempotent_and_fold_is_ascii_safe_for_vietnamese(text):
    assert nfc(nfc(text)) == nfc(text)
    assert fold(fold(text)) == fold(text)
