"""Helpers every `cchc` subcommand module shares: options, workspace, output, prompts."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from cchc_tui.services.errors import ServiceError

if TYPE_CHECKING:
    from cchc_tui.services.settings import Profile
    from cchc_tui.services.workspace import Workspace


class Parser(argparse.ArgumentParser):
    """argparse with the usage error in Vietnamese and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"Lỗi: lệnh không đúng cú pháp ({message}). Xem hướng dẫn: cchc --help\n")


def add_common_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    """`--data-dir` and `--today`, accepted before or after the subcommand."""
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


def subparser(sub: argparse._SubParsersAction, name: str, text: str) -> argparse.ArgumentParser:
    """A sub-subcommand (`keys init`, `keyring add` …) with the common options."""
    parser = sub.add_parser(name, help=text, description=text)
    add_common_options(parser, suppress=True)
    return parser


def print_json(data: object) -> None:
    """JSON on stdout, Vietnamese kept readable."""
    print(json.dumps(data, ensure_ascii=False, indent=2))


def open_args_workspace(args: argparse.Namespace) -> Workspace:
    """The workspace named by `--data-dir` / `--today` (or their defaults)."""
    from cchc_tui.domain.clock import clock_from
    from cchc_tui.services.workspace import open_workspace

    clock = clock_from(getattr(args, "today", None))
    data_dir = getattr(args, "data_dir", None)
    return open_workspace(Path(data_dir) if data_dir else None, clock)


def agency_arg(ws: Workspace, args: argparse.Namespace, *, profile: Profile | None = None) -> str:
    """`--agency`, else the profile's agency; a clear error when neither is set.

    Pass `profile` when the caller has already read it.
    """
    from cchc_tui.services import settings

    value = getattr(args, "agency", None)
    if value:
        return value
    profile = profile or settings.get_profile(ws)
    if profile is None:
        raise ServiceError(
            "Chưa chọn cơ quan: thêm --agency MÃ, hoặc lưu hồ sơ bằng "
            'cchc init --agency MÃ --officer "Họ tên".'
        )
    return profile.agency_id


def confirm(question: str, remedy: str = "chạy lại với --yes sau khi đã kiểm tra") -> bool:
    """Ask on stdin; no answer at all (closed input) is a refusal with the way out.

    `remedy` completes the error line `Cần xác nhận: …` given when nobody can answer.
    """
    try:
        answer = input(question).strip().lower()
    except (EOFError, OSError, RuntimeError):
        raise ServiceError(f"Cần xác nhận: {remedy}.") from None
    return answer in ("c", "co", "có", "y", "yes")


def read_passphrase(file: str | None, env: str, prompt: str, *, confirm: bool = False) -> str:
    """Passphrase from a file, then the environment, then the keyboard."""
    if file:
        try:
            return Path(file).read_text("utf-8").rstrip("\r\n")
        except OSError as exc:
            raise ServiceError(f"Không đọc được tệp mật khẩu {file}: {exc.strerror}.") from None
    if os.environ.get(env):
        return os.environ[env]
    if not sys.stdin or not sys.stdin.isatty():
        raise ServiceError(
            f"Cần mật khẩu khóa: dùng --passphrase-file TỆP hoặc biến môi trường {env}."
        )
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("Nhập lại mật khẩu: ") != first:
        raise ServiceError(
            "Hai lần nhập mật khẩu không khớp: không có gì thay đổi, hãy chạy lại lệnh."
        )
    return first
