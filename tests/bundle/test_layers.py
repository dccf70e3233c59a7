"""The bundle package is pure domain code: no UI, no database."""

from __future__ import annotations

import subprocess
import sys

MODULES = ["body", "canonical", "enrolment", "envelope", "errors", "keys", "strictjson", "verify"]
FORBIDDEN = ("textual", "sqlmodel", "sqlalchemy", "sqlite3", "cchc_tui.store", "cchc_tui.services")


def test_bundle_modules_import_neither_textual_nor_the_database():
    imports = "; ".join(f"import cchc_tui.domain.bundle.{m}" for m in MODULES)
    code = f"import sys; {imports}; print([m for m in {FORBIDDEN!r} if m in sys.modules])"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
