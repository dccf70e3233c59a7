"""`cchc doctor`'s checks of the keys folder: the signing keys the data file names, and each
agency's chain of bundles against its chain file (services/doctor.py runs them)."""

from __future__ import annotations

from pathlib import Path

from cchc_tui.domain.care import DANGER, OK, WARNING, ChainHead, Finding
from cchc_tui.services.chain_file import read_chain_file


def key_findings(keys_dir: Path, facts) -> list[Finding]:
    """Each active key of the data file: its key file read and matching what was enrolled."""
    import base64

    from cchc_tui.domain.bundle.errors import BundleError
    from cchc_tui.domain.bundle.keys import read_key_file

    out = []
    for key_id, agency, public, file_name, _created, retired, _rot in facts.keys:
        if retired is not None:
            continue
        path = keys_dir / file_name
        try:
            info = read_key_file(path)
        except (OSError, BundleError):
            out.append(
                Finding(
                    "key_unreadable",
                    DANGER,
                    f"Không đọc được tệp khóa ký {path} của {agency}.",
                    "Khôi phục thư mục keys từ bản sao lưu (cchc restore TỆP); mất "
                    "hẳn thì cchc keys init --replace-lost.",
                )
            )
            continue
        if info.key_id != key_id or base64.b64encode(info.public_key).decode() != public:
            out.append(
                Finding(
                    "key_mismatch",
                    DANGER,
                    f"Tệp khóa {path} không khớp khóa đã đăng ký với Sở ({agency}).",
                    "Đừng xuất gói; khôi phục tệp khóa đúng từ bản sao lưu (cchc restore TỆP).",
                )
            )
        else:
            out.append(Finding("key_ok", OK, f"Khóa ký của {agency} đọc được và khớp."))
    return out


def chain_findings(keys_dir: Path, facts) -> list[Finding]:
    """Each agency's chain head in the data file against its chain file in `keys_dir`: a
    database copied back over later bundles shows here."""
    out = []
    agencies = set(facts.heads) | {
        p.name.removesuffix(".chain.json")
        for p in listing(keys_dir)
        if p.name.endswith(".chain.json")
    }
    for agency in sorted(agencies):
        seq, sha = facts.heads.get(agency, (0, ""))
        known: ChainHead | None = read_chain_file(keys_dir, agency)
        if known is None:
            if seq:
                out.append(
                    Finding(
                        "chain_file_missing",
                        WARNING,
                        f"Chưa có tệp chuỗi gói của {agency} (gói mới nhất số {seq}).",
                        "Xuất gói lần tới sẽ tạo lại tệp này.",
                    )
                )
        elif known.seq > seq:
            out.append(
                Finding(
                    "chain_stale",
                    DANGER,
                    f"Dữ liệu của {agency} dừng ở gói số {seq}, nhưng đã gửi đến gói "
                    f"số {known.seq}: dữ liệu đã bị chép đè bằng bản cũ.",
                    "Đừng xuất gói (Sở sẽ từ chối); khôi phục bằng cchc restore "
                    "TỆP_SAO_LƯU để nối tiếp đúng số thứ tự.",
                )
            )
        elif known.seq == seq and known.body_sha256 != sha:
            out.append(
                Finding(
                    "chain_mismatch",
                    DANGER,
                    f"Gói số {seq} của {agency} trong dữ liệu khác gói đã ghi ra tệp.",
                    "Liên hệ bộ phận hỗ trợ trước khi xuất gói mới.",
                )
            )
        elif known.seq < seq:
            out.append(
                Finding(
                    "chain_file_behind",
                    WARNING,
                    f"Tệp chuỗi gói của {agency} ghi số {known.seq}, dữ liệu đã tới {seq}.",
                    "Xuất gói lần tới sẽ cập nhật tệp này.",
                )
            )
        else:
            out.append(Finding("chain_ok", OK, f"Chuỗi gói của {agency} đến số {seq}, khớp."))
    return out


def listing(folder: Path) -> list[Path]:
    """The entries of `folder`; none when it is missing or unreadable."""
    try:
        return list(folder.iterdir())
    except OSError:
        return []
