"""The file of an exported bundle: written atomically, read back, checked, then marked
written. A bundle committed but never written (the disk was full, the program was
killed) is written by the next export with the very bytes that were signed: a seq is
never lost (no gap at the office) and never signed twice (no fork). See docs/bundle.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cchc_tui.services.errors import NotWrittenError, ServiceError
from cchc_tui.services.workspace import Workspace
from cchc_tui.store import exports


@dataclass(frozen=True)
class Written:
    """A bundle file written, read back and verified."""

    seq: int
    path: Path
    body_sha256: str


def check_out_dir(out: Path, example: str) -> None:
    """Refuse an output folder that is a file (or lies under one) before anything is signed."""
    from cchc_tui.store.location import nearest_existing

    existing = nearest_existing(out)
    if not existing.is_dir():
        raise ServiceError(
            f"--out phải là thư mục để ghi gói báo cáo, nhưng {existing} là một tệp đã có: "
            f"chọn một thư mục (tệp sẽ có tên như {example}); chưa có gì thay đổi."
        )


def kept_sentence(seq: int) -> str:
    """What is safe when the file of bundle `seq` could not be written."""
    return (
        f"Gói số {seq} đã được ký và lưu trong dữ liệu: sau khi khắc phục, xuất lại (lệnh "
        "cchc export hoặc F6) để ghi đúng gói này ra tệp, không cấp số mới."
    )


def write_checked(
    ws: Workspace, agency_id: str, seq: int, envelope: bytes, target: Path
) -> Written:
    """Write the bundle, read it back and verify it; then it no longer counts as unwritten."""
    from cchc_tui.domain.bundle.errors import BundleError
    from cchc_tui.domain.bundle.verify import verify_bundle
    from cchc_tui.domain.care import ChainHead
    from cchc_tui.services.chain_file import record_head
    from cchc_tui.services.verify import local_keys
    from cchc_tui.store.files import atomic_write_bytes

    try:
        atomic_write_bytes(target, envelope)
        written = target.read_bytes()
    except OSError as exc:
        raise NotWrittenError(target, kept_sentence(seq)) from exc
    by_id = {k.key_id: k for k in local_keys(ws) if k.agency_id == agency_id}
    try:
        verified = verify_bundle(written, by_id.get)
    except BundleError as exc:
        raise ServiceError(
            f"Tệp vừa ghi không kiểm tra được ({exc.reason}). Hãy xuất lại."
        ) from None
    if written != envelope:
        raise ServiceError("Tệp vừa ghi khác dữ liệu đã ký: ổ đĩa có thể bị lỗi. Hãy xuất lại.")
    exports.mark_written(ws.db, agency_id, seq)
    record_head(ws, ChainHead(agency_id, seq, verified.body_sha256))  # the chain file
    return Written(seq, target, verified.body_sha256)


def finish_unwritten(ws: Workspace, agency_id: str, out: Path) -> Written | None:
    """Write the agency's committed but unwritten bundle into `out`, if there is one.
    Raises, like `write_checked`, if it still cannot be written."""
    with ws.db.read() as conn:
        pending = exports.unwritten_export(agency_id, conn=conn)
    if pending is None:
        return None
    return write_checked(ws, agency_id, pending.seq, pending.envelope, out / pending.file_name)
