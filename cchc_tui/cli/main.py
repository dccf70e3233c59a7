"""Command line: `cchc` opens the app; subcommands work headless (no textual import)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from cchc_tui import __version__
from cchc_tui.cli.common import (
    Parser,
    add_common_options,
    open_args_workspace,
    report_fault,
    undecodable_argument,
)

PLAN_SCOPED = ("tasks", "progress", "export", "report", "submissions", "receipts")
"""Subcommands that take `--plan ID` (services/plans.py `select_plan`)."""


def build_parser() -> argparse.ArgumentParser:
    """The full command tree."""
    parser = Parser(
        prog="cchc", description="Theo dõi, báo cáo Kế hoạch 56/KH-UBND (cải cách hành chính)."
    )
    parser.add_argument(
        "--version", action="version", version=f"cchc {__version__}", help="xem phiên bản rồi thoát"
    )
    add_common_options(parser, suppress=False)
    parser.add_argument("--agency", help="mở ứng dụng cho cơ quan này (mã hoặc tên)")
    sub = parser.add_subparsers(dest="command", parser_class=Parser)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        add_common_options(p, suppress=True)
        if name in PLAN_SCOPED:
            p.add_argument("--plan", metavar="MÃ", help="kế hoạch (mặc định: đang thực hiện)")
        return p

    from cchc_tui.cli import agency, bundle, care, letters, office, plans

    for module in (agency, bundle, office, letters, plans, care):
        module.add_commands(command)
    return parser


def _utf8_streams() -> None:
    """Vietnamese output on consoles whose default encoding cannot hold it (Windows); a
    character that cannot be written (a file name not in UTF-8) becomes "?", not an error."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and (
            (stream.encoding or "").lower() not in ("utf-8", "utf8") or stream.errors == "strict"
        ):
            stream.reconfigure(encoding="utf-8", errors="replace")


def dispatch(args: argparse.Namespace) -> int:
    """Run the chosen subcommand (the app when there is none) on the opened workspace."""
    if args.command is None:
        from cchc_tui.cli.launch import run_app as handler
    else:
        from cchc_tui.cli import agency, bundle, care, letters, office, plans

        handler = {
            **agency.COMMANDS,
            **bundle.COMMANDS,
            **office.COMMANDS,
            **letters.COMMANDS,
            **plans.COMMANDS,
            **care.COMMANDS,
        }[args.command]
        if getattr(handler, "opens_itself", False):  # restore, doctor: the file may be unusable
            return handler(None, args)
    ws = open_args_workspace(args)
    try:
        if getattr(args, "plan", None):
            from cchc_tui.services.plans import select_plan

            select_plan(ws, args.plan)
        return handler(ws, args)
    finally:
        ws.db.close()


def main(argv: Sequence[str] | None = None) -> int:
    """Run `cchc`; returns the exit code (2 refused input, 3 the machine or the data file).

    No traceback reaches the user: anything unexpected is one `Lỗi:` line, and its
    traceback goes to `DATA/logs/cchc-errors.log` (services/faults.py).
    """
    _utf8_streams()
    argv = sys.argv[1:] if argv is None else list(argv)
    refused = undecodable_argument(argv)
    if refused:
        print(refused, file=sys.stderr)
        return 2
    args = build_parser().parse_args(argv)
    from cchc_tui.domain.clock import ClockError
    from cchc_tui.services.errors import ServiceError

    try:
        return dispatch(args)
    except (ServiceError, ClockError) as exc:
        from cchc_tui.domain.safe_text import one_line

        print(f"Lỗi: {one_line(str(exc))}", file=sys.stderr)  # may quote text from a file
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and cut short: not an error
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:
        return report_fault(exc, args, argv)
