"""CLI of the signed bundle: keys, export, verify."""

from __future__ import annotations

import argparse
from collections.abc import Callable

Handler = Callable[..., int]
COMMANDS: dict[str, Handler] = {}


def add_commands(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    """Add `keys`, `export` and `verify` to the `cchc` parser."""
