"""Options and passphrase prompts shared by the commands that use a signing key: the
agency's (`cchc keys`, `cchc export`) and the office's (`cchc receiver key`, `cchc receipts`,
`cchc receiver publish-registry`)."""

from __future__ import annotations

import argparse

from cchc_tui.cli.common import read_passphrase

ENV_PASSPHRASE = "CCHC_PASSPHRASE"
"""The environment variable that may hold the key's passphrase instead of a file."""
ENV_NEW_PASSPHRASE = "CCHC_NEW_PASSPHRASE"
"""The same for the new key of a rotation."""


def add_passphrase_file(p: argparse.ArgumentParser) -> None:
    """`--passphrase-file TỆP` (or the variable `CCHC_PASSPHRASE`)."""
    p.add_argument("--passphrase-file", help=f"tệp chứa mật khẩu khóa (hoặc biến {ENV_PASSPHRASE})")


def add_rotation_options(p: argparse.ArgumentParser) -> None:
    """`--new-passphrase-file` and `--reason` of a key rotation."""
    p.add_argument(
        "--new-passphrase-file", help=f"mật khẩu khóa mới (hoặc biến {ENV_NEW_PASSPHRASE})"
    )
    p.add_argument("--reason", default="Đổi khóa định kỳ")


def new_key_passphrase(args: argparse.Namespace) -> str:
    """The passphrase for a key being created (typed twice at the keyboard)."""
    return read_passphrase(
        args.passphrase_file, ENV_PASSPHRASE, "Mật khẩu cho khóa mới: ", confirm=True
    )


def rotation_passphrases(args: argparse.Namespace) -> tuple[str, str]:
    """The current key's passphrase, then the new key's (typed twice at the keyboard)."""
    phrase = read_passphrase(args.passphrase_file, ENV_PASSPHRASE, "Mật khẩu khóa: ")
    new_phrase = read_passphrase(
        args.new_passphrase_file, ENV_NEW_PASSPHRASE, "Mật khẩu cho khóa mới: ", confirm=True
    )
    return phrase, new_phrase
