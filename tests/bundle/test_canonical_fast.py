"""canonical_bytes writes RFC 8785's bytes through the standard library's encoder: the
same bytes as the `rfc8785` package for every value a bundle may hold, so signatures and
the canonical check do not drift."""

from __future__ import annotations

import unicodedata

import pytest
import rfc8785
from hypothesis import given
from hypothesis import strategies as st

from cchc_tui.domain.bundle.canonical import CanonicalError, canonical_bytes

MAX_SAFE = 2**53 - 1
text = st.text(
    st.characters(blacklist_categories=("Cs",)) | st.sampled_from(list('\x00\x1f\x7f\u2028"\\/é')),
    max_size=12,
).map(lambda t: unicodedata.normalize("NFC", t))
keys = text | st.sampled_from(["", "\ue000", "\U0001f600", "\uffff", "a\U00010000", "seq", "é"])
values = st.recursive(
    st.none() | st.booleans() | st.integers(-MAX_SAFE, MAX_SAFE) | text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
    max_leaves=30,
)


@given(values)
def test_the_same_bytes_as_the_rfc8785_package(value):
    assert canonical_bytes(value) == rfc8785.dumps(value)


def test_keys_past_the_surrogates_sort_as_utf16_units():
    """U+E000 sorts after U+1F600 in UTF-16 (surrogates D83D...), before it by code point."""
    value = {"\ue000": 1, "\U0001f600": 2}
    assert canonical_bytes(value) == rfc8785.dumps(value) == '{"😀":2,"\ue000":1}'.encode()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            {"records": [{"ok": "x"}, {"result": "e\u0301"}]},
            "$.records[1].result: string is not NFC",
        ),
        ({"a": {"e\u0301": 1}}, "$.a key: string is not NFC"),
        ({"seq": [1, 2**53]}, "$.seq[1]: integer 9007199254740992 beyond"),
        ({"x": [1.5]}, "$.x[0]: float is not allowed"),
        ({"t": "\ud800"}, "$.t: string is not valid Unicode text"),
    ],
)
def test_a_refused_value_is_named_by_its_path(value, message):
    with pytest.raises(CanonicalError) as refused:
        canonical_bytes(value)
    assert str(refused.value).startswith(message)
