"""Domain modules import neither textual nor the database layer."""

import subprocess
import sys

import pytest

DOMAIN = [
    "cchc_tui.domain.plan",
    "cchc_tui.domain.agencies",
    "cchc_tui.domain.roles",
    "cchc_tui.domain.timelines",
    "cchc_tui.domain.periods",
    "cchc_tui.domain.progress",
    "cchc_tui.domain.clock",
    "cchc_tui.domain.text",
    "cchc_tui.domain.bundle.verify",
    "cchc_tui.domain.bundle.body",
    "cchc_tui.domain.bundle.keys",
    "cchc_tui.domain.bundle.enrolment",
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
