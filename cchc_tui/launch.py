"""Start the TUI (imported only when `cchc` runs without a subcommand)."""

from __future__ import annotations

import argparse


def run_app(args: argparse.Namespace) -> int:
    """Open the workspace and run the app until the user quits."""
    print("Giao diện đang được xây dựng.")
    return 0
