"""CLI of the signed bundle: keys, export, verify."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from cchc_tui.cli.common import agency_arg, print_json, read_passphrase, subparser
from cchc_tui.cli.key_options import (
    ENV_PASSPHRASE,
    add_passphrase_file,
    add_rotation_options,
    new_key_passphrase,
    rotation_passphrases,
)

Handler = Callable[..., int]


def add_commands(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    """Add `keys`, `export` and `verify` to the `cchc` parser."""
    keys = command("keys", "khóa ký của cơ quan: tạo, xem, đăng ký, đổi khóa")
    sub = keys.add_subparsers(dest="action", required=True, parser_class=type(keys))
    texts = {
        "init": "tạo khóa ký cho cơ quan (một lần)",
        "show": "xem mã khóa, vân tay (đọc qua điện thoại) và khóa công khai",
        "enrol": "ghi tệp đăng ký khóa gửi Sở Nội vụ (một lần, qua đường công văn)",
        "rotate": "đổi sang khóa mới; tệp tuyên bố đổi khóa được ký bằng cả hai khóa",
    }
    for action, text in texts.items():
        p = subparser(sub, action, text)
        p.add_argument("--agency", default=argparse.SUPPRESS)
        if action != "show":
            add_passphrase_file(p)
        if action == "init":
            p.add_argument(
                "--replace-lost", action="store_true", help="thay khóa đã mất / quên mật khẩu"
            )
        if action == "show":
            p.add_argument("--json", action="store_true")
        if action in ("enrol", "rotate"):
            p.add_argument("--out", required=True, type=Path, help="tệp sẽ ghi")
        if action == "rotate":
            add_rotation_options(p)

    p = command("export", "ký và xuất gói báo cáo của một kỳ")
    p.add_argument("--agency", default=argparse.SUPPRESS)
    p.add_argument("--period", help="kỳ báo cáo, ví dụ 2025-Q1 (mặc định: kỳ hiện tại)")
    p.add_argument(
        "--out", type=Path, help="thư mục ghi tệp (mặc định: exports trong thư mục dữ liệu)"
    )
    add_passphrase_file(p)
    p.add_argument(
        "--preview",
        action="store_true",
        help="chỉ xem trước nội dung sẽ gửi (không ký, không ghi tệp, không cần mật khẩu)",
    )
    p.add_argument(
        "--resend",
        action="store_true",
        help="ký lại với số thứ tự mới (khi Sở Nội vụ báo gói cũ bị từ chối vì đến sau gói mới hơn)",
    )
    sent = p.add_mutually_exclusive_group()
    sent.add_argument(
        "--mark-sent",
        type=int,
        metavar="SỐ",
        help="đánh dấu gói số SỐ đã gửi qua thư điện tử (không ký, không ghi tệp)",
    )
    sent.add_argument(
        "--unmark-sent", type=int, metavar="SỐ", help="bỏ đánh dấu đã gửi của gói số SỐ"
    )
    p.add_argument(
        "--date", metavar="NGÀY", help="với --mark-sent: ngày đã gửi, dd/mm/yyyy (mặc định hôm nay)"
    )

    p = command("verify", "kiểm tra một gói báo cáo (chữ ký, nội dung, cơ quan)")
    p.add_argument("file", type=Path)
    group = p.add_mutually_exclusive_group()
    group.add_argument(
        "--key", type=Path, help="tệp đăng ký khóa, hoặc kết quả 'cchc keys show --json'"
    )
    group.add_argument("--keyring", type=Path, help="thư mục các tệp đăng ký khóa")


def cmd_keys(ws, args: argparse.Namespace) -> int:
    from cchc_tui.services import keys
    from cchc_tui.services.catalog import find_agency

    agency = find_agency(ws, agency_arg(ws, args)).id
    if args.action == "init":
        phrase = new_key_passphrase(args)
        info = keys.init_key(ws, agency, phrase, replace_lost=args.replace_lost)
        print(f"Đã tạo khóa {info.key_id}\nVân tay: {info.fingerprint}\nTệp khóa: {info.path}")
        print("Bước tiếp theo: cchc keys enrol --out TỆP rồi gửi tệp đó cho Sở Nội vụ.")
        return 0
    if args.action == "show":
        info = keys.require_key(ws, agency)
        if args.json:
            print_json(info.to_dict())
        else:
            d = info.to_dict()
            print(
                f"Cơ quan: {d['agency_id']}\nMã khóa: {d['key_id']}\nVân tay: {d['fingerprint']}\nKhóa công khai: {d['public_key']}"
            )
        return 0
    if args.action == "enrol":
        phrase = read_passphrase(args.passphrase_file, ENV_PASSPHRASE, "Mật khẩu khóa: ")
        print(keys.write_enrolment(ws, agency, phrase, args.out))
        return 0
    phrase, new_phrase = rotation_passphrases(args)
    info, path = keys.rotate_key(ws, agency, phrase, new_phrase, args.out, args.reason)
    print(
        f"Đã đổi sang khóa {info.key_id} (vân tay {info.fingerprint}).\nGửi tệp tuyên bố đổi khóa cho Sở Nội vụ: {path}"
    )
    return 0


def print_preview(preview) -> None:
    """What `cchc export --preview` shows: the same facts as the export screen."""
    from cchc_tui.cli.common import shorten, wrap
    from cchc_tui.domain.progress import NOT_REPORTED_LABEL, STATUS_LABELS
    from cchc_tui.domain.roles import role_label
    from cchc_tui.services.export import submission_text

    signer = preview.signer["officer"] or "(chưa nhập họ tên: cchc init --officer)"
    if preview.signer["title"]:
        signer += f", {preview.signer['title']}"
    key = f"khóa {preview.key.fingerprint}" if preview.key else "chưa có khóa ký (cchc keys init)"
    print(wrap(f"{preview.agency_name} — kỳ {preview.period_label} ({preview.period_id})"))
    print(wrap(f"Người ký: {signer} · {key}"))
    print(wrap(submission_text(preview.submission)))
    for slot in preview.slots:
        if slot.status in STATUS_LABELS:
            state = f"{STATUS_LABELS[slot.status]:<16} {slot.progress_bp // 100:>3}%"
            state += f"  {slot.evidence} văn bản" if slot.evidence else ""
        else:  # no "0%": nothing was reported
            state = NOT_REPORTED_LABEL
        print(f"  {slot.code:<7} {role_label(slot.roles):<18} {state}")
        if slot.result:
            print(f"          Kết quả: {shorten(slot.result, 60)}")
    if preview.unreported:
        print(
            wrap(
                f"Lưu ý: còn {len(preview.unreported)} nhiệm vụ chưa báo cáo "
                f"({', '.join(preview.unreported)}); vẫn xuất được, các nhiệm vụ này ghi "
                f"“{NOT_REPORTED_LABEL}”."
            )
        )


def mark_sent(ws, args: argparse.Namespace, agency: str) -> int:
    """`cchc export --mark-sent N [--date dd/mm/yyyy]` / `--unmark-sent N`: the officer's
    word that bundle N went out by email; nothing is signed or written to a file."""
    from cchc_tui.cli.common import wrap
    from cchc_tui.services.errors import ServiceError
    from cchc_tui.services.sent import mark_sent, unmark_sent

    others = [
        flag
        for flag, given in (
            ("--preview", args.preview),
            ("--resend", args.resend),
            ("--out", args.out),
            ("--period", args.period),
            ("--passphrase-file", args.passphrase_file),
        )
        if given
    ]
    if others:
        raise ServiceError(
            f"--mark-sent / --unmark-sent không dùng cùng {', '.join(others)}: gói được chọn "
            "theo số (số cuối tên tệp); chưa có gì thay đổi."
        )
    if args.mark_sent is not None:
        done = mark_sent(ws, agency, args.mark_sent, args.date)
    else:
        done = unmark_sent(ws, agency, args.unmark_sent)
    print(wrap(done.text))
    return 0


def cmd_export(ws, args: argparse.Namespace) -> int:
    from cchc_tui.cli.common import wrap
    from cchc_tui.services.errors import ServiceError
    from cchc_tui.services.export import export_period, export_preview

    agency = agency_arg(ws, args)
    if args.date is not None and args.mark_sent is None:
        raise ServiceError("--date chỉ dùng với --mark-sent; chưa có gì thay đổi.")
    if args.mark_sent is not None or args.unmark_sent is not None:
        return mark_sent(ws, args, agency)
    if args.preview:
        preview = export_preview(ws, agency, args.period)
        if preview.refusal:  # a body that ended before the period's cut-off
            raise ServiceError(preview.refusal)
        print_preview(preview)
        return 0
    phrase = read_passphrase(args.passphrase_file, ENV_PASSPHRASE, "Mật khẩu khóa: ")
    result = export_period(ws, agency, args.period, phrase, args.out, resend=args.resend)
    if result.earlier is not None:
        print(
            wrap(
                "Lưu ý: đã ghi cả gói trước đó, lần trước chưa ghi được ra tệp: gửi cả hai "
                "tệp cho Sở Nội vụ."
            ),
            file=sys.stderr,
        )
        print(result.earlier)
    if result.unreported:
        print(
            wrap(
                f"Lưu ý: còn {len(result.unreported)} nhiệm vụ chưa báo cáo: "
                f"{', '.join(result.unreported)}"
            ),
            file=sys.stderr,
        )
    print(result.path)
    return 0


def cmd_verify(ws, args: argparse.Namespace) -> int:
    from cchc_tui.services.verify import verify_file

    outcome = verify_file(ws, args.file, key_file=args.key, keyring_dir=args.keyring)
    print(outcome.message)
    return 0 if outcome.valid else 1


COMMANDS: dict[str, Handler] = {"keys": cmd_keys, "export": cmd_export, "verify": cmd_verify}
