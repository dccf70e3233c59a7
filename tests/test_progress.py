"""Recording progress: validation in Vietnamese, append-only history, restore."""

import pytest

from cchc_tui.domain.progress import RawEntry
from cchc_tui.services import progress
from cchc_tui.services.errors import ServiceError


@pytest.fixture
def slot(ws):
    return progress.resolve_slot(ws, "so-noi-vu", "I.3", "2025-Q1")


@pytest.mark.parametrize(
    ("raw", "field", "words"),
    [
        (RawEntry(status="in_progress", progress="150"), "progress", "0 đến 100"),
        (RawEntry(status="done", progress="40"), "progress", "100%"),
        (RawEntry(status="xong", progress="0"), "status", "không hợp lệ"),
        (RawEntry(status="in_progress", progress="abc"), "progress", "số nguyên"),
        (
            RawEntry(
                status="in_progress", progress="10", evidence=[("56/KH-UBND", "31/02/2025", "")]
            ),
            "evidence.1.date",
            "không tồn tại",
        ),
        (
            RawEntry(status="in_progress", progress="10", evidence=[("KH-UBND", "01/02/2025", "")]),
            "evidence.1.number",
            "56/KH-UBND",
        ),
    ],
)
def test_bad_input_is_refused_with_a_reason_and_nothing_is_written(ws, slot, raw, field, words):
    with pytest.raises(ServiceError) as caught:
        progress.record_progress(ws, slot, raw, "Nguyễn Văn A")
    assert words in caught.value.field_errors[field]
    assert progress.slot_history(ws, slot) == []


def test_each_save_is_a_new_revision_and_nothing_is_overwritten(ws, slot):
    progress.record_progress(ws, slot, RawEntry(status="in_progress", progress="20"), "A")
    progress.record_progress(
        ws,
        slot,
        RawEntry(
            status="hoàn thành",
            progress="100",
            result="Đã ban hành Đề án",
            evidence=[("12/qđ-ubnd", "05/03/2025", "Quyết định phê duyệt")],
        ),
        "B",
    )
    history = progress.slot_history(ws, slot)
    assert [(r.number, r.author, r.entry.status, r.entry.progress) for r in history] == [
        (1, "A", "in_progress", 20),
        (2, "B", "done", 100),
    ]
    assert history[1].entry.evidence[0].number == "12/QĐ-UBND"
    assert history[1].created_at.endswith("+07:00")


def test_restore_makes_an_old_revision_current_as_a_new_one(ws, slot):
    progress.record_progress(
        ws, slot, RawEntry(status="in_progress", progress="20", result="x"), "A"
    )
    progress.record_progress(ws, slot, RawEntry(status="in_progress", progress="60"), "A")
    restored = progress.restore_revision(ws, slot, 1, "B")
    history = progress.slot_history(ws, slot)
    assert [r.number for r in history] == [1, 2, 3]
    assert restored.restored_from == 1 and history[2].entry == history[0].entry


def test_nfd_typing_is_stored_as_nfc(ws, slot):
    import unicodedata

    typed = unicodedata.normalize("NFD", "Hoàn thành kế hoạch tuyên truyền")
    progress.record_progress(
        ws, slot, RawEntry(status="in_progress", progress="5", result=typed), "A"
    )
    stored = progress.slot_history(ws, slot)[0].entry.result
    assert stored == unicodedata.normalize("NFC", typed) and stored != typed


@pytest.mark.parametrize(
    ("agency", "code", "period", "words"),
    [
        ("so-y-te", "I.1", "2020-Y", None),  # related: allowed, voluntary
        ("so-noi-vu", "I.1", "2025-Q1", "không có báo cáo trong kỳ"),  # I.1 is 2020 only
        ("huyen-yen-son", "I.5", "2026-Q1", "nằm ngoài kế hoạch"),
        ("so-noi-vu", "IX.1", "2025-Q1", "Không có nhiệm vụ"),
        ("so-khong-co", "I.1", "2025-Q1", "Không tìm thấy cơ quan"),
    ],
)
def test_slot_checks(ws, agency, code, period, words):
    if words is None:
        assert progress.resolve_slot(ws, agency, code, period).task_code == code
        return
    with pytest.raises(ServiceError, match=words):
        progress.resolve_slot(ws, agency, code, period)
