"""CLI of the data's care: `backup`, `restore`, `doctor`."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path

from cchc_tui.cli.common import confirm, wrap

Handler = Callable[..., int]


def add_commands(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    """Add `backup`, `restore` and `doctor` to the `cchc` parser."""
    p = command("backup", "sao lưu dữ liệu, khóa ký và chuỗi gói vào một tệp .zip")
    p.add_argument("--out", type=Path, help="thư mục ghi (mặc định: thư mục sao lưu đã chọn)")
    p.add_argument("--keep", type=int, help="đặt số bản giữ lại trong thư mục (mặc định 14)")
    p.add_argument("--set-dir", help="đặt thư mục sao lưu mặc định (USB, ổ mạng đều được)")

    p = command("restore", "khôi phục từ tệp sao lưu (dữ liệu hiện tại được giữ lại)")
    p.add_argument("file", type=Path, help="tệp cchc-backup_….zip")
    p.add_argument("--yes", action="store_true", help="không hỏi lại")
    p.add_argument(
        "--chain-from",
        type=Path,
        metavar="GÓI",
        help="gói báo cáo gửi Sở gần nhất (trong thư đã gửi), khi mất cả ổ đĩa",
    )

    p = command("doctor", "kiểm tra dữ liệu, khóa ký, chuỗi gói, sao lưu; nói cách xử lý")
    p.add_argument("--json", action="store_true")


def _data_dir(args: argparse.Namespace) -> Path:
    from cchc_tui.services.workspace import check_data_dir, default_data_dir

    folder = Path(args.data_dir) if getattr(args, "data_dir", None) else default_data_dir()
    check_data_dir(folder)
    return folder


def _clock(args: argparse.Namespace):
    from cchc_tui.domain.clock import clock_from

    return clock_from(getattr(args, "today", None))


def cmd_backup(ws, args: argparse.Namespace) -> int:
    from cchc_tui.services.backup import make_backup, set_backup_options

    if args.set_dir is not None or args.keep is not None:
        set_backup_options(ws, args.set_dir, args.keep)
    result = make_backup(ws, args.out)
    for old in result.removed:
        print(f"Đã xóa bản cũ: {old}")
    print(result.path)
    return 0


def cmd_restore(_ws, args: argparse.Namespace) -> int:
    from cchc_tui.services.restore import restore_backup

    def ask(summary) -> bool:
        if args.yes:
            return True
        return confirm(
            f"Khôi phục bản sao lưu của {summary.agency_id or '(chưa chọn cơ quan)'} lúc "
            f"{summary.created_at}? Dữ liệu hiện tại được chuyển sang restore-kept. (c/k) ",
            "chạy lại với --yes sau khi đã kiểm tra tệp sao lưu",
        )

    clock = _clock(args)
    result = restore_backup(
        _data_dir(args), args.file, clock.now_iso, chain_from=args.chain_from, confirm=ask
    )
    if result is None:
        print("Không khôi phục; chưa có gì thay đổi.")
        return 0
    print(f"Đã khôi phục bản sao lưu lúc {result.summary.created_at}.")
    if result.kept:
        print(f"Dữ liệu và khóa trước đó được giữ ở: {result.kept}")
    for agency, seq in sorted(result.heads.items()):
        print(f"Chuỗi gói của {agency}: gói tiếp theo là số {seq + 1}.")
    if result.keys_from_backup:
        print(f"Khóa ký lấy từ bản sao lưu: {', '.join(result.keys_from_backup)}")
    return 0


def cmd_doctor(_ws, args: argparse.Namespace) -> int:
    from cchc_tui.domain.care import SEVERITY_LABELS, doctor_exit_code
    from cchc_tui.services.doctor import run_doctor

    findings = run_doctor(_data_dir(args), _clock(args))
    if args.json:
        print(json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2))
    else:
        for f in findings:
            print(wrap(f"[{SEVERITY_LABELS[f.severity]}] {f.message}"))
            if f.action:  # fits 80 columns: long paths and commands go on the next line
                print(wrap(f"Cách xử lý: {f.action}", "    "))
    return doctor_exit_code(findings)


cmd_restore.opens_itself = True  # type: ignore[attr-defined]  # the database may be unusable
cmd_doctor.opens_itself = True  # type: ignore[attr-defined]

COMMANDS: dict[str, Handler] = {"backup": cmd_backup, "restore": cmd_restore, "doctor": cmd_doctor}
