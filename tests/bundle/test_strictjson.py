"""The strict reader: every surprise in an emailed file is a BundleError, never a traceback."""

from __future__ import annotations

import os
import tracemalloc

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc_tui.domain.bundle.errors import BundleError
from cchc_tui.domain.bundle.strictjson import MAX_BYTES, loads_strict, nesting_depth, read_capped


def code_of(data: bytes, **kw) -> str:
    with pytest.raises(BundleError) as caught:
        loads_strict(data, **kw)
    return caught.value.code


def test_plain_document_parses():
    assert loads_strict('{"a":[1,-2,"Sở Nội vụ",true,null]}'.encode()) == {
        "a": [1, -2, "Sở Nội vụ", True, None]
    }


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b'{"a":1,"a":1}', "duplicate_key"),
        (b'{"b":{"a":1,"a":2}}', "duplicate_key"),
        (b"[NaN]", "bad_number"),
        (b"[Infinity]", "bad_number"),
        (b"[-Infinity]", "bad_number"),
        (b"[1.0]", "bad_number"),
        (b"[1e3]", "bad_number"),
        (b"[9007199254740992]", "bad_number"),
        (b"[-9007199254740992]", "bad_number"),
        (b"[" + b"1" * 10_000 + b"]", "bad_number"),
        (b'["\xff"]', "bad_utf8"),
        (b'["\xed\xa0\x80"]', "bad_utf8"),  # an encoded surrogate
        (b'["\xc0\xaf"]', "bad_utf8"),  # overlong
        (b'["\\udc00"]', "bad_utf8"),  # a lone surrogate escape
        (b'{"\\ud800":1}', "bad_utf8"),
        (b"\xef\xbb\xbf{}", "bad_utf8"),  # byte order mark
        (b"", "bad_json"),
        (b"{", "bad_json"),
        (b"{}{}", "bad_json"),
        (b"[1,]", "bad_json"),
        (b"['a']", "bad_json"),
        (b'["a\x01"]', "bad_json"),  # raw control character
        (b"[" * 100_000 + b"]" * 100_000, "too_deep"),
        (b'{"a":' * 100_000 + b"1" + b"}" * 100_000, "too_deep"),
        (b"[" * 100_000, "too_deep"),
    ],
)
def test_refusals_carry_their_code(data, code):
    assert code_of(data) == code


def test_integer_bounds_are_inclusive():
    assert loads_strict(b"[9007199254740991,-9007199254740991]") == [2**53 - 1, -(2**53 - 1)]


def test_depth_limit_is_exact():
    assert loads_strict(b"[" * 64 + b"]" * 64) is not None
    assert code_of(b"[" * 65 + b"]" * 65) == "too_deep"


def test_brackets_inside_strings_do_not_count_as_depth():
    text = '["' + "[{" * 500 + '\\"[", "\\\\", "{"]'
    assert nesting_depth(text) == 1
    assert loads_strict(text.encode())[1] == "\\"


def test_size_cap_comes_first():
    assert code_of(b"[" + b" " * 100 + b"]", max_bytes=50) == "too_large"
    assert code_of(b"\xff" * 60, max_bytes=50) == "too_large"


def test_hundred_megabyte_file_is_refused_without_reading_it(tmp_path):
    huge = tmp_path / "goi-bao-cao.json"
    with open(huge, "wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # sparse: 100 MB on paper, nothing on disk
    tracemalloc.start()
    try:
        with pytest.raises(BundleError) as caught:
            read_capped(huge, MAX_BYTES)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert caught.value.code == "too_large" and "104,857,600" in caught.value.reason
    assert peak < 1024 * 1024


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_endless_stream_is_refused_without_being_read():
    # A device reports size 0 and never ends; it is not a regular file, so nothing is read
    # (the capped read still bounds a regular file that grows while it is read).
    tracemalloc.start()
    try:
        with pytest.raises(BundleError) as caught:
            read_capped("/dev/zero", 1024 * 1024)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert caught.value.code == "not_a_file"
    assert peak < 1024 * 1024


def test_small_file_is_read_whole(tmp_path):
    path = tmp_path / "a.json"
    path.write_bytes(b"{}")
    assert read_capped(path, 2) == b"{}"
    with pytest.raises(BundleError):
        read_capped(path, 1)


_JSONISH = st.sampled_from(list(b'{}[]",:-.0123456789eE\\ntrufalsNIy\x00\xff\xc3 u'))


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.binary(max_size=200), st.lists(_JSONISH, max_size=200).map(bytes)))
def test_arbitrary_bytes_raise_nothing_but_bundle_error(data):
    try:
        loads_strict(data)
    except BundleError as exc:
        assert exc.code.isascii() and exc.reason


@settings(max_examples=200, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers(-(2**60), 2**60) | st.text(max_size=20),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner),
        max_leaves=30,
    )
)
def test_json_values_round_trip_or_are_refused_for_their_numbers(value):
    import json

    data = json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogatepass")
    try:
        assert loads_strict(data) == value
    except BundleError as exc:
        assert exc.code in {"bad_number", "bad_utf8", "too_deep"}
