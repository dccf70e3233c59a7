"""Domain modules import neither textual nor the database layer."""

import subprocess
import sys

import pytest

DOMAIN = [
    "cchc_tui.plan",
    "cchc_tui.agencies",
    "cchc_tui.roles",
    "cchc_tui.timelines",
    "cchc_tui.periods",
    "cchc_tui.progress",
    "cchc_tui.clock",
    "cchc_tui.text",
    "cchc_tui.bundle.verify",
    "cchc_tui.bundle.body",
    "cchc_tui.bundle.keys",
    "cchc_tui.bundle.enrolment",
]
FORBIDDEN = ("textual", "sqlmodel", "sqlalchemy", "sqlite3", "cchc_tui.store", "cchc_tui.services")


@pytest.mark.parametrize("module", DOMAIN)
def test_domain_module_is_free_of_ui_and_database(module):
    code = (
        f"import sys, {module}; "
        f"bad = [m for m in {FORBIDDEN!r} if m in sys.modules]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
