"""Step 4 of the contract: where a verified bundle stands in its agency's chain."""

from __future__ import annotations

import pytest

from cchc_tui.domain.bundle.verify import chain_verdict

ZERO = "0" * 64
H1, H2, H3, H4, OTHER = ("1" * 64, "2" * 64, "3" * 64, "4" * 64, "f" * 64)


@pytest.mark.parametrize(
    ("last_seq", "last_sha", "seq", "prev", "body", "same", "verdict"),
    [
        (None, None, 1, ZERO, H1, None, "accepted"),  # first bundle
        (0, None, 1, ZERO, H1, None, "accepted"),
        (1, H1, 2, H1, H2, None, "accepted"),  # next in line
        (2, H2, 2, H1, H2, None, "duplicate"),  # the same file again
        (3, H3, 2, H1, H2, H2, "duplicate"),  # an older one we already hold
        (2, H2, 2, H1, OTHER, None, "fork"),  # same seq, other content
        (2, H2, 3, OTHER, H3, None, "fork"),  # next seq, but not after our last
        (2, H2, 3, H2, H3, OTHER, "fork"),  # a different seq 3 is already held
        (1, H1, 4, H3, H4, None, "gap"),  # 2 and 3 missing: accept, report
        (None, None, 3, H2, H3, None, "gap"),  # first seen is seq 3
        (3, H3, 1, ZERO, OTHER, None, "replay"),  # older seq, not what we hold
        (3, H3, 2, H1, OTHER, H2, "replay"),
    ],
)
def test_chain_verdicts(last_seq, last_sha, seq, prev, body, same, verdict):
    assert (
        chain_verdict(
            last_seq=last_seq,
            last_sha256=last_sha,
            seq=seq,
            prev_sha256=prev,
            body_sha256=body,
            same_seq_sha256=same,
        )
        == verdict
    )


def test_seq_zero_is_a_programming_error():
    with pytest.raises(ValueError):
        chain_verdict(last_seq=None, last_sha256=None, seq=0, prev_sha256=ZERO, body_sha256=H1)
