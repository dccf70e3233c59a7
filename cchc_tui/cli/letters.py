"""CLI of what the office signs back: the office's own key (`cchc receiver key …`,
`cchc receipts`) and, on an agency's install, `cchc office …`, `cchc receipt add` and
`cchc registry add` (signed plans: cli/plan_letters.py).

A refused file is one `Lỗi:` line and exit 1; nothing is written."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from cchc_tui.cli.common import agreed, print_json, read_passphrase, subparser
from cchc_tui.cli.key_options import (
    ENV_PASSPHRASE,  # also cli/plan_letters.py's
    add_passphrase_file,
    add_rotation_options,
    new_key_passphrase,
    rotation_passphrases,
)
from cchc_tui.domain.safe_text import one_line

_KEY_ACTIONS = {
    "init": "tạo khóa ký riêng của Sở Nội vụ (một lần)",
    "show": "xem mã khóa và vân tay khóa của Sở Nội vụ",
    "export": "ghi tệp khóa công khai của Sở gửi các cơ quan (cài một lần)",
    "rotate": "đổi khóa của Sở; tuyên bố đổi khóa được ký bằng cả hai khóa",
}


def add_receiver_key(sub: argparse._SubParsersAction) -> None:
    """Add `cchc receiver key init|show|export|rotate` to the `receiver` subparsers."""
    p = subparser(sub, "key", "khóa ký riêng của Sở Nội vụ (biên nhận, kế hoạch, danh mục)")
    actions = p.add_subparsers(dest="key_action", required=True, parser_class=type(p))
    for action, text in _KEY_ACTIONS.items():
        q = subparser(actions, action, text)
        if action in ("init", "rotate"):
            add_passphrase_file(q)
        if action == "show":
            q.add_argument("--json", action="store_true")
        if action in ("export", "rotate"):
            q.add_argument("--out", required=True, type=Path, help="tệp sẽ ghi")
        if action == "rotate":
            add_rotation_options(q)


def add_receiver_publish(sub: argparse._SubParsersAction) -> None:
    """Add `cchc receiver publish-registry --out FILE` to the `receiver` subparsers."""
    text = "ký và ghi danh mục cơ quan (xã, cơ quan kế thừa…) gửi các cơ quan"
    p = subparser(sub, "publish-registry", text)
    p.add_argument("--out", required=True, type=Path, help="tệp sẽ ghi")
    add_passphrase_file(p)


def add_commands(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    """Add `office`, `receipt` and `receipts` to the `cchc` parser."""
    p = command("office", "khóa của Sở Nội vụ trên máy cơ quan: cài (đối chiếu vân tay), xem")
    sub = p.add_subparsers(dest="action", required=True, parser_class=type(p))
    q = subparser(sub, "add", "cài tệp khóa của Sở Nội vụ, hoặc tuyên bố đổi khóa của Sở")
    q.add_argument("file", type=Path)
    q.add_argument("--yes", action="store_true", help="không hỏi (đã đối chiếu vân tay)")
    q = subparser(sub, "show", "khóa của Sở Nội vụ đã cài")
    q.add_argument("--json", action="store_true")

    p = command("receipt", "giấy biên nhận của Sở Nội vụ cho gói báo cáo đã gửi")
    sub = p.add_subparsers(dest="action", required=True, parser_class=type(p))
    q = subparser(sub, "add", "nạp giấy biên nhận (kiểm tra chữ ký của Sở)")
    q.add_argument("file", type=Path)

    p = command("registry", "danh mục cơ quan do Sở Nội vụ ký gửi")
    sub = p.add_subparsers(dest="action", required=True, parser_class=type(p))
    q = subparser(sub, "add", "nạp danh mục cơ quan (kiểm tra chữ ký của Sở)")
    q.add_argument("file", type=Path)
    q.add_argument("--yes", action="store_true", help="nạp không hỏi")

    p = command("receipts", "Sở Nội vụ: ký giấy biên nhận cho các cơ quan đã nộp trong kỳ")
    p.add_argument("--period", required=True, help="kỳ báo cáo, ví dụ 2025-Q1")
    p.add_argument("--out", required=True, type=Path, help="thư mục ghi các tệp biên nhận")
    add_passphrase_file(p)


def refused(exc: Exception) -> int:
    """Print a refused file's one line (file text in it made visible); exit 1."""
    print(f"Lỗi: {one_line(str(exc))}", file=sys.stderr)
    return 1


def cmd_receiver_key(ws, args: argparse.Namespace) -> int:
    """`cchc receiver key …` on the office's install."""
    from cchc_tui.services.office import office_key

    if args.key_action == "show":
        info = office_key.require_office_key(ws)
        if args.json:
            print_json(info.to_dict())
        else:
            print(f"Mã khóa: {info.key_id}\nVân tay: {info.fingerprint}")
        return 0
    if args.key_action == "export":
        print(office_key.export_office_key(ws, args.out))
        return 0
    if args.key_action == "init":
        info = office_key.init_office_key(ws, new_key_passphrase(args))
        print(f"Đã tạo khóa của Sở Nội vụ {info.key_id}\nVân tay: {info.fingerprint}")
        print("Bước tiếp theo: cchc receiver key export --out TỆP, gửi tệp cho các cơ quan và")
        print("báo vân tay trên bằng công văn hoặc điện thoại để các cơ quan đối chiếu.")
        return 0
    phrase, new_phrase = rotation_passphrases(args)
    info = office_key.rotate_office_key(ws, phrase, new_phrase, args.out, args.reason)
    print(f"Đã đổi sang khóa {info.key_id} (vân tay {info.fingerprint}).")
    print(f"Gửi tuyên bố đổi khóa cho các cơ quan: {args.out}")
    return 0


def cmd_office(ws, args: argparse.Namespace) -> int:
    """`cchc office add|show` on an agency's install."""
    from cchc_tui.services import letters

    if args.action == "show":
        keys = letters.pinned_keys(ws)
        if args.json:
            print_json(
                [
                    {
                        "key_id": k.key_id,
                        "fingerprint": k.fingerprint,
                        "office": k.office_name,
                        "signed_at": k.signed_at,
                        "pinned_at": k.pinned_at,
                        "retired_at": k.retired_at,
                    }
                    for k in keys
                ]
            )
        elif not keys:
            print("Chưa cài khóa của Sở Nội vụ: cchc office add TỆP_KHÓA.")
        for k in keys if not args.json else ():
            state = "đang dùng" if k.retired_at is None else f"đã thay từ {k.retired_at}"
            print(f"{k.office_name}  vân tay {k.fingerprint}  {state}")
        return 0
    raw = letters.read_file(args.file)
    try:
        offer = letters.preview_office_key(ws, raw)
    except letters.LetterRefused as exc:
        return refused(exc)
    what = "Tuyên bố đổi khóa" if offer.source == "rotation" else "Khóa"
    print(f"{what} của: {offer.office_name}")
    if offer.replaces:
        print(f"Thay khóa cũ, vân tay: {offer.replaces}")
    print(f"Vân tay: {offer.fingerprint}")
    print("Đối chiếu vân tay này với công văn có dấu của Sở Nội vụ hoặc qua điện thoại.")
    if not agreed(args.yes, "Vân tay khớp, cài khóa này? (c/k): ", "Chưa cài gì."):
        return 1
    if letters.pin_office_key(ws, offer):
        print(f"Đã cài khóa của Sở Nội vụ, vân tay {offer.fingerprint}.")
    else:
        print("Khóa này đã được cài trước đó; không có gì thay đổi.")
    return 0


def cmd_receipt(ws, args: argparse.Namespace) -> int:
    """`cchc receipt add FILE`."""
    from cchc_tui.services.letters import LetterRefused
    from cchc_tui.services.receipts import add_receipt

    try:
        loaded = add_receipt(ws, args.file)
    except LetterRefused as exc:
        return refused(exc)
    note = "" if loaded.new else " (đã nạp trước đó)"
    print(f"Kỳ {loaded.period_id}: {loaded.line}{note}.")
    return 0


def cmd_receipts(ws, args: argparse.Namespace) -> int:
    """`cchc receipts --period P --out DIR` on the office's install."""
    from cchc_tui.services.office.office_key import require_office_key
    from cchc_tui.services.office.receipts import write_receipts

    require_office_key(ws)
    phrase = read_passphrase(args.passphrase_file, ENV_PASSPHRASE, "Mật khẩu khóa của Sở: ")
    written = write_receipts(ws, args.period, args.out, phrase)
    for path in written:
        print(path)
    if not written:
        print("Chưa có cơ quan nào có gói được nhận trong kỳ này: không ghi biên nhận nào.")
    return 0


def cmd_publish_registry(ws, args: argparse.Namespace) -> int:
    """`cchc receiver publish-registry --out FILE`."""
    from cchc_tui.services.office.office_key import require_office_key
    from cchc_tui.services.office.publish import publish_registry

    require_office_key(ws)
    phrase = read_passphrase(args.passphrase_file, ENV_PASSPHRASE, "Mật khẩu khóa của Sở: ")
    path, count = publish_registry(ws, args.out, phrase)
    print(f"Đã ghi danh mục {count} cơ quan: {path}")
    return 0


def moment_text(iso: str) -> str:
    """A signed time as `08:00 05/01/2026`."""
    from cchc_tui.domain.progress import format_moment

    return format_moment(iso)


def print_agency_changes(preview) -> None:
    """The registry entries a letter adds or changes, one line each."""
    for agency in preview.added:
        print(f"  + {agency.name} ({agency.id})")
    for agency, what in preview.changed:
        print(f"  ~ {agency.name} ({agency.id}): {what}")
    if not preview.added and not preview.changed:
        print("  Danh mục cơ quan không thay đổi.")


def _load(args: argparse.Namespace, preview, apply) -> int:
    from cchc_tui.services.letters import LetterRefused

    if not agreed(args.yes, "Nạp tệp này? (c/k): ", "Chưa nạp gì."):
        return 1
    try:
        return apply(preview)
    except LetterRefused as exc:
        return refused(exc)


def cmd_registry(ws, args: argparse.Namespace) -> int:
    """`cchc registry add FILE [--yes]` on an agency's install."""
    from cchc_tui.services import registry_updates as updates
    from cchc_tui.services.letters import LetterRefused

    try:
        preview = updates.preview_registry(ws, args.file)
    except LetterRefused as exc:
        return refused(exc)
    print(f"Danh mục cơ quan do Sở Nội vụ ký lúc {moment_text(preview.issued_at)}:")
    print_agency_changes(preview)

    def apply(p) -> int:
        updates.apply_registry(ws, p)
        print(f"Đã nạp: {len(p.added)} cơ quan mới, {len(p.changed)} cơ quan thay đổi.")
        return 0

    return _load(args, preview, apply)


COMMANDS = {
    "office": cmd_office,
    "receipt": cmd_receipt,
    "receipts": cmd_receipts,
    "registry": cmd_registry,
}
