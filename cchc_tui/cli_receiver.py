"""CLI of the receiving office (Sở Nội vụ): keyring, import, report."""

from __future__ import annotations

import argparse
from collections.abc import Callable

Handler = Callable[..., int]
COMMANDS: dict[str, Handler] = {}


def add_commands(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    """Add the receiving office's subcommands to the `cchc` parser."""
