"""Command line: `cchc` opens the app; subcommands work headless (no textual import)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from cchc_tui import __version__


class _Parser(argparse.ArgumentParser):
    """argparse with the usage error in Vietnamese and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"Lỗi: lệnh không đúng cú pháp ({message}). Xem hướng dẫn: cchc --help\n")


def add_common_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--data-dir",
        default=default,
        help="thư mục dữ liệu (mặc định: CCHC_HOME hoặc thư mục dữ liệu của người dùng)",
    )
    parser.add_argument(
        "--today",
        default=default,
        help="coi hôm nay là ngày YYYY-MM-DD (mặc định: CCHC_TODAY hoặc ngày thật)",
    )


def build_parser() -> argparse.ArgumentParser:
    """The full command tree."""
    parser = _Parser(
        prog="cchc", description="Theo dõi, báo cáo Kế hoạch 56/KH-UBND (cải cách hành chính)."
    )
    parser.add_argument("--version", action="version", version=f"cchc {__version__}")
    add_common_options(parser, suppress=False)
    parser.add_argument("--agency", help="mở ứng dụng cho cơ quan này (mã hoặc tên)")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        add_common_options(p, suppress=True)
        return p

    p = command(
        "init", "lưu hồ sơ: cơ quan và cán bộ đầu mối (hoặc --receiver: Sở Nội vụ tổng hợp)"
    )
    p.add_argument("--agency", help="cơ quan báo cáo (mã hoặc tên)")
    p.add_argument(
        "--receiver", action="store_true", help="bật chức năng tiếp nhận, tổng hợp của Sở Nội vụ"
    )
    p.add_argument("--officer", required=True, help="họ tên cán bộ đầu mối")
    p.add_argument("--title", default="", help="chức vụ")
    p.add_argument("--deadline-day", help="ngày hạn nộp trong tháng cuối kỳ (1-20, mặc định 15)")

    p = command("agencies", "danh sách cơ quan")
    p.add_argument("--json", action="store_true")
    p.add_argument("--kind", choices=["department", "body", "district", "commune"])
    p = command("add-commune", "thêm một xã (UBND cấp xã) thuộc một huyện")
    p.add_argument("--district", required=True, help="huyện (mã hoặc tên)")
    p.add_argument("--name", required=True, help="tên xã, ví dụ: Xã Tân Long")

    p = command("tasks", "nhiệm vụ của kế hoạch (của một cơ quan với --agency)")
    p.add_argument("--agency", default=argparse.SUPPRESS)
    p.add_argument("--period", help="kỳ báo cáo, ví dụ 2025-Q1 (mặc định: kỳ hiện tại)")
    p.add_argument("--related", action="store_true", help="kể cả nhiệm vụ 'cơ quan liên quan'")
    p.add_argument("--json", action="store_true")

    p = command("periods", "các kỳ báo cáo và hạn nộp")
    p.add_argument("--year", type=int)
    p.add_argument("--json", action="store_true")

    p = command("progress", "ghi hoặc xem tiến độ một nhiệm vụ trong một kỳ")
    psub = p.add_subparsers(dest="action", required=True, parser_class=_Parser)
    for action, text in (
        ("set", "ghi tiến độ (một lần lưu mới)"),
        ("show", "xem tiến độ và lịch sử"),
    ):
        q = psub.add_parser(action, help=text, description=text)
        add_common_options(q, suppress=True)
        q.add_argument("--agency", default=argparse.SUPPRESS)
        q.add_argument("--task", required=True)
        q.add_argument("--period")
        if action == "set":
            q.add_argument(
                "--status", required=True, help="not_started | in_progress | done | not_applicable"
            )
            q.add_argument("--progress", default="0", help="0-100")
            q.add_argument("--result", default="")
            q.add_argument("--difficulties", default="")
            q.add_argument("--proposals", default="")
            q.add_argument(
                "--evidence", action="append", default=[], metavar="SỐ|dd/mm/yyyy|TRÍCH YẾU"
            )
            q.add_argument("--indicator", action="append", default=[], metavar="MÃ=TỬ/MẪU")
            q.add_argument("--by", help="người ghi (mặc định: cán bộ trong hồ sơ)")
        else:
            q.add_argument("--json", action="store_true")
    from cchc_tui import cli_bundle, cli_receiver

    for module in (cli_bundle, cli_receiver):
        module.add_commands(command)
    return parser


def _utf8_streams() -> None:
    """Vietnamese output on consoles whose default encoding cannot hold it (Windows)."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and (stream.encoding or "").lower() not in (
            "utf-8",
            "utf8",
        ):
            stream.reconfigure(encoding="utf-8", errors="replace")


def main(argv: Sequence[str] | None = None) -> int:
    """Run `cchc`; returns the exit code (2 for refused input)."""
    _utf8_streams()
    args = build_parser().parse_args(argv)
    from cchc_tui import commands
    from cchc_tui.clock import ClockError
    from cchc_tui.services.errors import ServiceError

    try:
        return commands.dispatch(args)
    except (ServiceError, ClockError) as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and cut short: not an error
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
