"""Use cases: write the agency's or the office's Word report (a period or the stage) to a file.

The file is written atomically (the whole document or the old file, never part of one);
a target held open by Word is retried briefly (store/files.py) and then reported.
"""

from __future__ import annotations

import io
from pathlib import Path

from docx.document import Document as DocxDocument

from cchc_tui.services.errors import ServiceError
from cchc_tui.services.word.settings import report_settings
from cchc_tui.services.workspace import Workspace


class ReportNotWritten(Exception):
    """The document was made but the file could not be written (exit code 3)."""


def write_agency_report(
    ws: Workspace,
    agency_query: str,
    path: Path,
    *,
    period_id: str | None = None,
    stage: str | None = None,
) -> Path:
    """Agency's report of `period_id`, or its summary of `stage`; returns the path written."""
    from cchc_tui.services.word.agency_data import agency_period, agency_stage

    settings = report_settings(ws)
    if stage:
        from cchc_tui.services.word.stage import agency_stage_document

        doc = agency_stage_document(ws, agency_stage(ws, agency_query, stage), settings)
    else:
        from cchc_tui.services.word.agency import agency_period_document

        doc = agency_period_document(
            ws, agency_period(ws, agency_query, _period(period_id)), settings
        )
    return save(doc, path)


def write_office_report(
    ws: Workspace, path: Path, *, period_id: str | None = None, stage: str | None = None
) -> Path:
    """The office's consolidated report of `period_id` or of `stage`."""
    from cchc_tui.services.word import office, office_stage

    settings = report_settings(ws)
    if stage:
        doc = office_stage.office_stage_document(ws, stage, settings)
    else:
        doc = office.office_period_document(ws, _period(period_id), settings)
    return save(doc, path)


def _period(period_id: str | None) -> str:
    if not period_id:
        raise ServiceError("Chọn kỳ báo cáo (--period 2025-Y) hoặc giai đoạn (--stage 2021-2025).")
    return period_id


def save(doc: DocxDocument, path: Path) -> Path:
    """Write `doc` to `path` atomically, parent folders created; ReportNotWritten if refused."""
    from cchc_tui.store.files import atomic_write_bytes

    path = Path(path)
    if path.suffix.lower() != ".docx":
        raise ServiceError(f"Tệp báo cáo Word phải có đuôi .docx: {path}.")
    if path.is_dir():
        raise ServiceError(f"{path} là thư mục: ghi tên tệp, ví dụ {path / 'bao-cao.docx'}.")
    buffer = io.BytesIO()
    doc.save(buffer)
    try:
        atomic_write_bytes(path, buffer.getvalue())
    except PermissionError:
        raise ReportNotWritten(
            f"Không ghi được tệp {path}: tệp đang mở trong Word (hoặc chương trình khác), "
            "hoặc thư mục không cho phép ghi. Đóng tệp rồi làm lại; tệp cũ (nếu có) vẫn "
            "nguyên."
        ) from None
    except OSError as exc:
        raise ReportNotWritten(
            f"Không ghi được tệp {path} ({exc.strerror or exc}): kiểm tra thư mục còn chỗ "
            "trống và ghi được, rồi làm lại; tệp cũ (nếu có) vẫn nguyên."
        ) from None
    return path


def default_target(ws: Workspace, agency_id: str, period_id: str) -> Path:
    """Where the app writes the agency's report: DATA/bao-cao/bao-cao-AGENCY-PERIOD.docx."""
    return ws.data_dir / "bao-cao" / f"bao-cao-{agency_id}-{period_id}.docx"


def open_in_default_program(path: Path) -> str | None:
    """Open the file in the program the system uses for .docx (Word, LibreOffice …);
    returns why not when it cannot (never needed: the file is written either way)."""
    import os
    import shutil
    import subprocess

    try:
        if os.name == "nt":
            os.startfile(path)  # type: ignore[attr-defined]  # Windows only
            return None
        opener = shutil.which("xdg-open") or shutil.which("open")
        if opener is None:
            return "Máy này không có chương trình mở tệp Word; mở tệp bằng tay."
        subprocess.Popen([opener, str(path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except OSError as exc:
        return f"Không mở được tệp ({exc.strerror or exc}); mở tệp bằng tay."
    return None
