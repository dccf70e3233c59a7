"""Helpers every `cchc` subcommand module shares: options, workspace, output, prompts."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
import textwrap
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cchc_tui.domain.safe_text import visible
from cchc_tui.services.errors import ServiceError

if TYPE_CHECKING:
    from cchc_tui.services.settings import Profile
    from cchc_tui.services.workspace import Workspace


ARGPARSE_VI = {
    "usage: ": "Cách dùng: ",
    "positional arguments": "tham số",
    "options": "tùy chọn",
    "optional arguments": "tùy chọn",
    "%(heading)s:": "%(heading)s:",
    "show this help message and exit": "xem hướng dẫn này rồi thoát",
    " (default: %(default)s)": " (mặc định: %(default)s)",
    "argument %(argument_name)s: %(message)s": "tham số %(argument_name)s: %(message)s",
    "unrecognized arguments: %s": "không hiểu tham số: %s",
    "the following arguments are required: %s": "thiếu tham số bắt buộc: %s",
    "one of the arguments %s is required": "cần một trong các tham số: %s",
    "not allowed with argument %s": "không dùng cùng lúc với %s",
    "expected one argument": "thiếu giá trị",
    "expected at most one argument": "nhận nhiều nhất một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị",
    "expected %s argument": "cần %s giá trị",
    "expected %s arguments": "cần %s giá trị",
    "ambiguous option: %(option)s could match %(matches)s": (
        "tùy chọn %(option)s chưa rõ, có thể là: %(matches)s"
    ),
    "ignored explicit argument %r": "tùy chọn này không nhận giá trị %r",
    "unexpected option string: %s": "tùy chọn không đúng chỗ: %s",
    "invalid %(type)s value: %(value)r": "giá trị không hợp lệ: %(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "không có lựa chọn %(value)r (chọn một trong: %(choices)s)"
    ),
    "invalid choice: %(value)r, maybe you meant %(closest)r? (choose from %(choices)s)": (
        "không có lựa chọn %(value)r, có phải là %(closest)r? (chọn một trong: %(choices)s)"
    ),
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "không có lệnh %(parser_name)r (các lệnh: %(choices)s)"
    ),
}
"""argparse's own words (its gettext message ids, Python 3.10 to 3.14) in Vietnamese."""


@contextmanager
def vietnamese_argparse() -> Iterator[None]:
    """argparse words each message through gettext when it builds it (`argparse._`); while
    this is active the words come from `ARGPARSE_VI` (an unknown id stays as it is)."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]

    def plural(singular: str, many: str, n: int) -> str:
        text = singular if n == 1 else many
        return ARGPARSE_VI.get(text, text)

    argparse._ = lambda text: ARGPARSE_VI.get(text, text)  # type: ignore[attr-defined]
    argparse.ngettext = plural  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


class Parser(argparse.ArgumentParser):
    """argparse speaking Vietnamese (usage, help, errors); a usage error exits with 2."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        with vietnamese_argparse():
            super().__init__(*args, **kwargs)

    def parse_known_args(self, args: Any = None, namespace: Any = None) -> Any:  # type: ignore[override]
        with vietnamese_argparse():
            return super().parse_known_args(args, namespace)

    def parse_args(self, args: Any = None, namespace: Any = None) -> Any:  # type: ignore[override]
        with vietnamese_argparse():
            return super().parse_args(args, namespace)

    def add_subparsers(self, **kwargs: Any) -> Any:
        """Subcommands shown as LỆNH in usage and errors (the choices are listed in --help)."""
        kwargs.setdefault("metavar", "LỆNH")
        return super().add_subparsers(**kwargs)

    def format_usage(self) -> str:
        with vietnamese_argparse():
            return super().format_usage()

    def format_help(self) -> str:
        with vietnamese_argparse():
            return super().format_help()

    def error(self, message: str) -> None:  # type: ignore[override]
        if message.startswith("argument "):  # Python 3.10 words this prefix without gettext
            message = "tham số " + message.removeprefix("argument ")
        self.print_usage(sys.stderr)
        self.exit(
            2, f"Lỗi: lệnh không đúng cú pháp ({message}). Xem hướng dẫn: {self.prog} --help\n"
        )


def undecodable_argument(argv: Sequence[str]) -> str | None:
    """The `Lỗi:` line for the first argument that is not valid UTF-8 (a file name copied
    from another machine, text typed in an old Vietnamese encoding), else None."""
    for arg in argv:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            shown = arg.encode("utf-8", "replace").decode("utf-8")
            return (
                f"Lỗi: tham số “{shown}” có byte không phải chữ UTF-8 (tên tệp chép từ máy "
                "khác, hoặc gõ bằng bảng mã cũ TCVN3/VNI): đổi tên tệp hoặc gõ lại bằng bảng "
                "mã Unicode, rồi chạy lại; chưa có gì thay đổi."
            )
    return None


def report_fault(exc: BaseException, args: argparse.Namespace | None, argv: Sequence[str]) -> int:
    """Tell an unexpected failure in one line (traceback to the log); returns the exit code."""
    import shlex

    from cchc_tui.services.faults import report
    from cchc_tui.services.workspace import default_data_dir

    data_dir = getattr(args, "data_dir", None)
    folder = Path(data_dir) if data_dir else default_data_dir()
    fault = report(exc, folder, command=shlex.join(["cchc", *argv]))
    print(fault.line, file=sys.stderr)
    return fault.exit_code


def add_common_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    """`--data-dir` and `--today`, accepted before or after the subcommand."""
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--data-dir",
        default=default,
        metavar="THƯ_MỤC",
        help="thư mục dữ liệu (mặc định: CCHC_HOME hoặc thư mục dữ liệu của người dùng)",
    )
    parser.add_argument(
        "--today",
        default=default,
        metavar="YYYY-MM-DD",
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


REMEDY = "chạy lại với --yes sau khi đã kiểm tra"
"""What to do when nobody can answer a question (no console): the usual words."""


def confirm(question: str, remedy: str = REMEDY) -> bool:
    """Ask on stdin; no answer at all (closed input) is a refusal with the way out.

    `remedy` completes the error line `Cần xác nhận: …` given when nobody can answer.
    """
    try:
        answer = input(question).strip().lower()
    except (EOFError, OSError, RuntimeError):
        raise ServiceError(f"Cần xác nhận: {remedy}.") from None
    return answer in ("c", "co", "có", "y", "yes")


def agreed(yes: bool, question: str, not_done: str, remedy: str = REMEDY) -> bool:
    """`--yes` given, or the person answers yes to `question`; otherwise print `not_done`
    (what was left unchanged) and the caller exits 1."""
    if yes or confirm(question, remedy):
        return True
    print(not_done)
    return False


def read_passphrase(file: str | None, env: str, prompt: str, *, confirm: bool = False) -> str:
    """Passphrase from a file, then the environment, then the keyboard."""
    if file:
        return _passphrase_file(file)
    if os.environ.get(env):
        if undecodable_argument([os.environ[env]]):
            raise ServiceError(
                f"Biến môi trường {env} có byte không phải chữ UTF-8: đặt lại mật khẩu "
                "bằng bảng mã Unicode; chưa có gì thay đổi."
            )
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


PASSPHRASE_FILE_MAX_BYTES = 64 * 1024


def _passphrase_file(file: str) -> str:
    """A passphrase file's text without a leading byte order mark (Notepad writes one) or
    the line ends after it (LF or CRLF); a folder, a pipe or text not in UTF-8 is refused."""
    from cchc_tui.domain.bundle.errors import BundleError
    from cchc_tui.domain.bundle.strictjson import read_capped

    try:
        raw = read_capped(file, PASSPHRASE_FILE_MAX_BYTES)
    except OSError as exc:
        raise ServiceError(f"Không đọc được tệp mật khẩu {file}: {exc.strerror}.") from None
    except BundleError:
        raise ServiceError(
            f"Tệp mật khẩu {file} không dùng được: cần một tệp văn bản nhỏ chứa mật khẩu "
            "(không phải thư mục, ống dẫn hay tệp lớn)."
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ServiceError(
            f"Tệp mật khẩu {file} không phải văn bản UTF-8 (có lẽ lưu bằng bảng mã cũ): mở "
            "bằng Notepad, chọn Lưu thành… với mã hóa UTF-8, rồi chạy lại; chưa có gì thay đổi."
        ) from None
    return text.rstrip("\r\n")


WIDTH = 80
"""Plain output fits an 80-column console."""


def shorten(text: str, width: int) -> str:
    """One line of at most `width` characters, cut with '…'; control characters (plan or
    agency text) shown as marks, never sent to the terminal."""
    text = " ".join(visible(text).split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def wrap(text: str, indent: str = "") -> str:
    """`text` wrapped to 80 columns; continuation lines indented two more spaces; control
    characters shown as marks."""
    return textwrap.fill(
        " ".join(visible(text).split()),
        WIDTH,
        initial_indent=indent,
        subsequent_indent=indent + "  ",
        break_on_hyphens=False,
    )
