"""A passphrase file saved by Notepad (a byte order mark before the text, CRLF after it)
unlocks the key made with the same passphrase typed plainly."""

from __future__ import annotations

from .conftest import cchc

PHRASE = "mật khẩu Sở Nội vụ 2025"


def test_a_bom_and_crlf_in_the_passphrase_file_are_not_part_of_the_passphrase(tmp_path):
    data = tmp_path / "data"
    plain = tmp_path / "mat-khau.txt"
    plain.write_bytes(PHRASE.encode("utf-8"))
    notepad = tmp_path / "mat-khau-notepad.txt"
    notepad.write_bytes(b"\xef\xbb\xbf" + PHRASE.encode("utf-8") + b"\r\n")

    init = cchc(data, "init", "--agency", "so-noi-vu", "--officer", "Nguyễn Văn Đầu Mối")
    assert init.code == 0, init.err
    made = cchc(data, "keys", "init", "--passphrase-file", str(plain))
    assert made.code == 0, made.err

    out = tmp_path / "out"
    done = cchc(data, "export", "--period", "2025-Q1", "--out", str(out),
                "--passphrase-file", str(notepad))  # fmt: skip
    assert done.code == 0, done.err
    assert done.out.strip().endswith("so-noi-vu_2025-Q1_0001.json")
    assert (out / "so-noi-vu_2025-Q1_0001.json").is_file()


def test_a_key_made_from_a_notepad_file_unlocks_with_the_phrase_typed_plainly(tmp_path):
    data = tmp_path / "data"
    notepad = tmp_path / "mat-khau-notepad.txt"
    notepad.write_bytes(b"\xef\xbb\xbf" + PHRASE.encode("utf-8") + b"\r\n")
    plain = tmp_path / "mat-khau.txt"
    plain.write_bytes(PHRASE.encode("utf-8") + b"\n")

    assert cchc(data, "init", "--agency", "so-noi-vu", "--officer", "Nguyễn Văn").code == 0
    made = cchc(data, "keys", "init", "--passphrase-file", str(notepad))
    assert made.code == 0, made.err
    done = cchc(data, "export", "--period", "2025-Q1", "--out", str(tmp_path / "out"),
                "--passphrase-file", str(plain))  # fmt: skip
    assert done.code == 0, done.err


def test_a_key_sealed_with_the_byte_order_mark_by_an_older_version_still_unlocks(tmp_path):
    # Before 0.3.0 a Notepad file's BOM became part of the passphrase: a file with two
    # marks gives that same passphrase today (one is stripped), so it seals such a key.
    data = tmp_path / "data"
    old = tmp_path / "mat-khau-cu.txt"
    old.write_bytes(b"\xef\xbb\xbf" * 2 + PHRASE.encode("utf-8") + b"\r\n")
    notepad = tmp_path / "mat-khau-notepad.txt"
    notepad.write_bytes(b"\xef\xbb\xbf" + PHRASE.encode("utf-8") + b"\r\n")
    wrong = tmp_path / "sai.txt"
    wrong.write_bytes(b"\xef\xbb\xbf" + b"mat khau sai\r\n")

    assert cchc(data, "init", "--agency", "so-noi-vu", "--officer", "Nguyễn Văn").code == 0
    assert cchc(data, "keys", "init", "--passphrase-file", str(old)).code == 0
    refused = cchc(data, "export", "--period", "2025-Q1", "--out", str(tmp_path / "out"),
                   "--passphrase-file", str(wrong))  # fmt: skip
    assert refused.code == 2 and refused.err.startswith("Lỗi:")
    assert not (tmp_path / "out").exists()
    done = cchc(data, "export", "--period", "2025-Q1", "--out", str(tmp_path / "out"),
                "--passphrase-file", str(notepad))  # fmt: skip
    assert done.code == 0, done.err
