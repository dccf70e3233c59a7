"""What the app does for the data's care once its first screen is painted: the quick part
of `cchc doctor`, then the day's backup when one is due (not on a damaged database)."""

from __future__ import annotations

from dataclasses import dataclass, field

from cchc_tui.domain.care import DANGER, WARNING, Finding
from cchc_tui.services.workspace import Workspace


@dataclass
class StartCare:
    """The findings worth a banner and the backup made, if any."""

    findings: list[Finding] = field(default_factory=list)
    backup: str | None = None
    backup_error: str | None = None

    def banners(self) -> list[tuple[str, str]]:
        """(text, severity for the app's notification) of each thing the officer should see."""
        out = []
        for f in self.findings:
            level = "error" if f.severity == DANGER else "warning"
            out.append((f"{f.message} {f.action} (chi tiết: cchc doctor)".strip(), level))
        if self.backup_error:
            out.append((f"Chưa sao lưu được hôm nay: {self.backup_error}", "warning"))
        return out


def start_care(ws: Workspace) -> StartCare:
    """Quick checks, then the daily backup (kept N) when due and the database is sound."""
    from cchc_tui.services.backup import auto_backup
    from cchc_tui.services.doctor import run_doctor
    from cchc_tui.services.errors import ServiceError

    findings = run_doctor(ws.data_dir, ws.clock, quick=True)
    care = StartCare()
    damaged = any(f.code == "db_damaged" for f in findings)
    if not damaged:
        try:
            made = auto_backup(ws)
            care.backup = str(made.path) if made else None
        except (ServiceError, OSError) as exc:
            care.backup_error = str(exc)
        if care.backup:  # a backup was just made: the age warning no longer holds
            findings = [f for f in findings if not f.code.startswith("backup_")]
    care.findings = [f for f in findings if f.severity in (DANGER, WARNING)]
    return care
