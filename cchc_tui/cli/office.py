"""CLI of the receiving office (Sở Nội vụ): keyring, import, report."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from cchc_tui.cli import letters
from cchc_tui.cli.common import agreed, print_json, subparser
from cchc_tui.services.errors import ServiceError

Handler = Callable[..., int]


def add_commands(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    """Add the receiving office's subcommands to the `cchc` parser."""
    p = command("receiver", "Sở Nội vụ: hồ sơ cán bộ tổng hợp, gói rẽ nhánh chờ quyết định")
    sub = p.add_subparsers(dest="action", required=True, parser_class=type(p))
    q = subparser(sub, "init", "bật chức năng tổng hợp của Sở Nội vụ trên máy này")
    q.add_argument("--officer", required=True, help="họ tên cán bộ tổng hợp")
    q.add_argument("--title", default="", help="chức vụ")
    q = subparser(sub, "forks", "các gói rẽ nhánh đang chờ quyết định")
    q.add_argument("--json", action="store_true")
    q = subparser(sub, "decide", "quyết định một gói rẽ nhánh: dùng, hoặc gác lại")
    q.add_argument("bundle", help="mã gói (sha256 của nội dung, ít nhất 12 ký tự đầu)")
    group = q.add_mutually_exclusive_group(required=True)
    group.add_argument("--use", action="store_true", help="dùng gói này thay gói đã nhận")
    group.add_argument("--set-aside", action="store_true", help="gác lại, giữ gói đã nhận")
    q.add_argument("--note", required=True, help="căn cứ quyết định")
    q = subparser(
        sub, "set-aside", "gác lại một gói đã nhận (số thứ tự sai…): gói trước đó lại là mới nhất"
    )
    q.add_argument("bundle", help="mã gói (sha256 của nội dung, ít nhất 12 ký tự đầu)")
    q.add_argument("--note", required=True, help="lý do gác lại")
    letters.add_receiver_key(sub)
    letters.add_receiver_publish(sub)

    p = command("keyring", "khóa công khai của các cơ quan đã đăng ký với Sở Nội vụ")
    sub = p.add_subparsers(dest="action", required=True, parser_class=type(p))
    q = subparser(sub, "add", "đăng ký khóa từ tệp đăng ký khóa của cơ quan")
    q.add_argument("file", type=Path)
    q.add_argument("--yes", action="store_true", help="không hỏi xác nhận (đã đối chiếu vân tay)")
    q = subparser(sub, "list", "danh sách khóa")
    q.add_argument("--json", action="store_true")
    q = subparser(sub, "revoke", "thu hồi khóa của một cơ quan (mã cơ quan hoặc mã khóa)")
    q.add_argument("target", help="mã/tên cơ quan, mã khóa (sha256:…) hoặc vân tay")
    q.add_argument("--reason", required=True)
    q.add_argument("--date", required=True, help="không nhận gói ký từ ngày này (YYYY-MM-DD)")
    q.add_argument("--yes", action="store_true", help="không hỏi xác nhận (đã kiểm tra)")
    q = subparser(sub, "rotate", "nhận tệp tuyên bố đổi khóa (ký bằng cả khóa cũ và mới)")
    q.add_argument("file", type=Path)
    q.add_argument(
        "--yes", action="store_true", help="không hỏi xác nhận (đã đối chiếu vân tay khóa mới)"
    )

    p = command("import", "nhận các gói báo cáo (tệp hoặc thư mục tệp đính kèm)")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    p.add_argument("--json", action="store_true")

    p = command("submissions", "tình hình nộp báo cáo: cơ quan × kỳ")
    p.add_argument("--period", action="append", help="kỳ (lặp lại được; mặc định: các kỳ năm nay)")
    p.add_argument("--kind", choices=["department", "body", "district", "commune"])
    p.add_argument("--json", action="store_true")

    p = command(
        "report",
        "báo cáo một kỳ: tổng hợp Excel (--xlsx), Markdown (--md); báo cáo Word (--docx)",
    )
    p.add_argument("--period", help="kỳ báo cáo, ví dụ 2025-Y")
    p.add_argument("--stage", help="báo cáo Word tổng kết giai đoạn: 2021-2025")
    p.add_argument(
        "--agency",
        default=argparse.SUPPRESS,
        help="báo cáo Word của cơ quan này (mặc định trên máy cơ quan: cơ quan của máy)",
    )
    p.add_argument("--docx", type=Path, help="tệp Word (.docx) sẽ ghi, theo thể thức NĐ 30/2020")
    p.add_argument("--xlsx", type=Path, help="tệp Excel sẽ ghi")
    p.add_argument("--md", type=Path, help="tệp Markdown sẽ ghi")


def _parse_date(text: str):
    from cchc_tui.domain.clock import parse_day

    return parse_day(text)


def cmd_receiver(ws, args: argparse.Namespace) -> int:
    from cchc_tui.services.office import bundles
    from cchc_tui.services.office.profile import save_office_profile

    if args.action == "key":
        return letters.cmd_receiver_key(ws, args)
    if args.action == "publish-registry":
        return letters.cmd_publish_registry(ws, args)
    if args.action == "init":
        profile = save_office_profile(ws, args.officer, args.title)
        print(f"Đã bật chức năng tổng hợp của Sở Nội vụ — cán bộ: {profile.officer}.")
        print("Bước tiếp theo: cchc keyring add TỆP_ĐĂNG_KÝ_KHÓA cho từng cơ quan.")
        return 0
    if args.action == "forks":
        from cchc_tui.domain.progress import format_moment

        forks = bundles.held_forks(ws)
        if args.json:
            print_json([f.to_dict() for f in forks])
        elif not forks:
            print("Không có gói rẽ nhánh nào chờ quyết định.")
        for f in forks if not args.json else ():
            print(
                f"{f.body_sha256[:16]}  {f.agency_id}  {f.period_id}  số {f.seq}"
                f"  nhận {format_moment(f.received_at)}  tệp {f.file_name}"
            )
        return 0
    target = bundles.resolve_bundle(ws, args.bundle)
    if args.action == "set-aside":
        from cchc_tui.services.office.decisions import set_aside

        detail = set_aside(ws, target, args.note)
        print(
            f"Gói {detail.body_sha256[:16]} (số {detail.seq}) của {detail.agency_name}:"
            f" {detail.state_label}. Gói nhận tiếp theo được so với gói đã nhận trước nó."
        )
        return 0
    detail = bundles.decide_fork(ws, target, use=args.use, note=args.note)
    print(f"Gói {detail.body_sha256[:16]} của {detail.agency_name}: {detail.state_label}.")
    return 0


def cmd_keyring(ws, args: argparse.Namespace) -> int:
    from cchc_tui.domain.safe_text import one_line
    from cchc_tui.services.office import keyring

    if args.action == "list":
        entries = keyring.list_keys(ws)
        if args.json:
            print_json([e.to_dict() for e in entries])
            return 0
        if not entries:
            print("Chưa có khóa nào. Đăng ký bằng: cchc keyring add TỆP_ĐĂNG_KÝ_KHÓA")
        for e in entries:
            extra = f"  thu hồi từ {e.revoked_on}: {e.revoked_reason}" if e.revoked_on else ""
            print(
                f"{e.agency_id:<28} {e.fingerprint}  {keyring.STATUS_LABELS[e.status]}"
                f"  (đăng ký {e.added_at[:10]}){extra}"
            )
        return 0
    if args.action == "revoke":
        return _revoke(ws, args)
    raw = keyring.read_document(args.file)
    if args.action == "rotate":
        return _rotate(ws, args, raw)
    preview = keyring.preview_enrolment(ws, raw)
    print(f"Cơ quan: {one_line(preview.agency_name)} ({preview.agency_id})")
    print(f"Cán bộ: {one_line(preview.officer) or '—'}")
    print(f"Mã khóa: {preview.key_id}")
    print(f"Vân tay: {preview.fingerprint}")
    if preview.already_registered:
        print("Khóa này đã được đăng ký: không có gì thay đổi.")
        return 0
    if preview.agency_notice:  # the 2025 reorganisation: bundles count up to its last period
        print(f"Lưu ý: {one_line(preview.agency_notice)}")
    if preview.other_active:
        print(
            f"Lưu ý: cơ quan đang có khóa khác ({', '.join(preview.other_active)}). Nếu khóa cũ"
            " bị mất, hãy thu hồi: cchc keyring revoke MÃ_KHÓA --reason … --date …"
        )
    if not agreed(
        args.yes,
        "Vân tay trên khớp với vân tay cơ quan đọc qua điện thoại / trên văn bản? (c/k): ",
        "Chưa đăng ký khóa.",
        "chạy lại với --yes sau khi đã đối chiếu vân tay",
    ):
        return 1
    entry = keyring.add_enrolment(ws, preview)
    print(f"Đã đăng ký khóa {entry.fingerprint} cho {one_line(entry.agency_name)}.")
    return 0


def _revoke(ws, args: argparse.Namespace) -> int:
    """`keyring revoke`: say which keys stop being accepted and from when, then ask."""
    from cchc_tui.domain.progress import format_day
    from cchc_tui.services.office import keyring

    preview = keyring.preview_revocation(ws, args.target, args.reason, _parse_date(args.date))
    print("Sẽ thu hồi:")
    for e in preview.keys:
        print(
            f"  {e.agency_name} ({e.agency_id}) — khóa {e.fingerprint}"
            f" ({keyring.STATUS_LABELS[e.status]}, đăng ký {e.added_at[:10]}), mã {e.key_id}"
        )
    print(
        f"Từ ngày {format_day(preview.on)} không nhận gói ký bằng khóa này"
        " (các gói đã nhận vẫn giữ nguyên)."
    )
    print(f"Lý do: {preview.reason}")
    if not agreed(args.yes, "Thu hồi khóa? (c/k): ", "Chưa thu hồi khóa."):
        return 1
    changed = keyring.revoke(ws, args.target, args.reason, preview.on)
    for e in changed:
        print(f"Đã thu hồi khóa {e.fingerprint} của {e.agency_name} từ ngày {e.revoked_on}.")
    return 0


def _rotate(ws, args: argparse.Namespace, raw: bytes) -> int:
    """`keyring rotate`: show the old and the new key of the statement, then ask."""
    from cchc_tui.domain.progress import format_moment
    from cchc_tui.domain.safe_text import one_line
    from cchc_tui.services.office import keyring

    preview = keyring.preview_rotation(ws, raw)
    print(f"Cơ quan: {one_line(preview.agency_name)} ({preview.agency_id})")
    print(f"Khóa cũ: {preview.old.fingerprint} — thôi dùng từ {format_moment(preview.signed_at)}")
    print(f"Khóa mới: {preview.new_fingerprint} — mã {preview.new_key_id}")
    print(f"Lý do: {one_line(preview.reason) or '—'}")
    if preview.registered is not None:
        print("Tuyên bố đổi khóa này đã được nhận: không có gì thay đổi.")
        return 0
    if not agreed(
        args.yes,
        "Vân tay khóa mới khớp với vân tay cơ quan đọc qua điện thoại / trên văn bản? (c/k): ",
        "Chưa nhận đổi khóa.",
        "chạy lại với --yes sau khi đã đối chiếu vân tay khóa mới",
    ):
        return 1
    entry = keyring.apply_rotation(ws, raw)
    print(
        f"Đã nhận đổi khóa của {one_line(entry.agency_name)}: khóa mới {entry.fingerprint}"
        f" (thay khóa {preview.old.fingerprint})."
    )
    return 0


def cmd_import(ws, args: argparse.Namespace) -> int:
    from cchc_tui.services.office.importer import import_files, outcomes_json
    from cchc_tui.services.office.outcome import REFUSED

    if sys.stderr.isatty():
        outcomes = _import_with_bar(ws, args.paths)
    else:
        outcomes = import_files(ws, args.paths)
    if args.json:
        print(outcomes_json(outcomes))
    else:
        _print_outcomes(outcomes)
        _print_refused(ws, outcomes, args.paths)
    return 1 if any(o.verdict in REFUSED for o in outcomes) else 0


def _print_refused(ws, outcomes, paths) -> None:
    """After the table: each refused file in full, then the attachments that are not bundles."""
    from pathlib import Path

    from cchc_tui.domain.safe_text import one_line
    from cchc_tui.services.catalog import load_registry
    from cchc_tui.services.office.outcome import REFUSED
    from cchc_tui.services.office.refused import skipped_attachments

    registry = load_registry(ws)
    refused = [o for o in outcomes if o.verdict in REFUSED]
    if refused:
        print(f"Tệp không nhận ({len(refused)}):")
    for o in refused:
        agency = registry.get(o.agency_id) if o.agency_id else None
        who = f"{agency.short_name} ({agency.id})" if agency else one_line(o.agency_id or "?")
        print(f"  - {one_line(Path(o.file).name)} — {who}, kỳ {one_line(o.period or '?')}:")
        print(f"    {one_line(o.reason)}")
    skipped = skipped_attachments(paths)
    if skipped:
        names = ", ".join(one_line(p.name) for p in skipped)
        print(f"Bỏ qua {len(skipped)} tệp không phải gói báo cáo (.json): {names}")


def _import_with_bar(ws, paths):
    """Import with a progress bar on stderr (a terminal only; output stays clean)."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from cchc_tui.services.office.importer import import_files

    with Progress(
        TextColumn("Đang kiểm tra, nhận gói"),
        BarColumn(),
        MofNCompleteColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task("import", total=None)
        return import_files(
            ws, paths, lambda done, total: bar.update(task, completed=done, total=total)
        )


def _print_outcomes(outcomes) -> None:
    """The verdicts as a table; file names and reasons (which quote the file) as plain text."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from cchc_tui.domain.safe_text import one_line
    from cchc_tui.services.office.outcome import HEADERS, summary

    table = Table(show_lines=False)
    for header in HEADERS:
        table.add_column(header, overflow="fold")
    for o in outcomes:
        table.add_row(*(Text(one_line(c)) for c in o.cells()))
    console = Console()
    console.print(table)
    console.print(Text(summary(outcomes)))


def cmd_submissions(ws, args: argparse.Namespace) -> int:
    from cchc_tui.services.office.submissions import submissions

    grid = submissions(ws, args.period, kind=args.kind)
    if args.json:
        print_json([row.to_dict() for row in grid.rows])
        return 0
    from cchc_tui.domain.safe_text import one_line

    widths = [  # each period as wide as its longest cell: flags are never cut
        max([len(p.id), *(len(row.cells[i].label) for row in grid.rows)]) + 2
        for i, p in enumerate(grid.periods)
    ]
    header = f"{'Cơ quan':<30}" + "".join(
        f"{p.id:<{w}}" for p, w in zip(grid.periods, widths, strict=True)
    )
    print(header.rstrip())
    for row in grid.rows:
        name = one_line(row.short_name)[:29]
        cells = "".join(f"{c.label:<{w}}" for c, w in zip(row.cells, widths, strict=True))
        print(f"{name:<30}{cells}".rstrip())
    return 0


def cmd_report(ws, args: argparse.Namespace) -> int:
    """Write each file asked for on its own; exit 3 when one of them could not be written."""
    from cchc_tui.services.office.report import write_reports

    if args.docx or args.stage:
        return _report_docx(ws, args)
    if not args.period:
        raise ServiceError("Thiếu kỳ báo cáo: thêm --period, ví dụ --period 2025-Y.")
    if not args.xlsx and not args.md:
        raise ServiceError("Chọn ít nhất một tệp: --xlsx TỆP.xlsx và/hoặc --md TỆP.md.")
    written = write_reports(ws, args.period, xlsx=args.xlsx, md=args.md)
    for w in written:
        if w.error:
            print(f"Lỗi: {w.error}", file=sys.stderr)
        else:
            print(w.path)
    return 3 if any(w.error for w in written) else 0


def _report_docx(ws, args: argparse.Namespace) -> int:
    """`--docx`: the agency's report (`--agency`, or an agency install's own agency) or,
    on a receiving install without `--agency`, the office's consolidated one; exit 3 when
    the file cannot be written (held open by Word)."""
    from cchc_tui.cli.common import agency_arg
    from cchc_tui.services.office.profile import get_office_profile
    from cchc_tui.services.word.write import (
        ReportNotWritten,
        write_agency_report,
        write_office_report,
    )

    if not args.docx:
        raise ServiceError("Báo cáo giai đoạn chỉ có dạng Word: thêm --docx TỆP.docx.")
    if args.xlsx or args.md:
        raise ServiceError("--docx ghi riêng: chạy lệnh khác cho --xlsx/--md.")
    if bool(args.period) == bool(args.stage):
        raise ServiceError("Chọn một: --period KỲ (ví dụ 2025-Y) hoặc --stage 2021-2025.")
    office = getattr(args, "agency", None) is None and get_office_profile(ws) is not None
    try:
        if office:
            path = write_office_report(ws, args.docx, period_id=args.period, stage=args.stage)
        else:
            agency = agency_arg(ws, args)
            path = write_agency_report(
                ws, agency, args.docx, period_id=args.period, stage=args.stage
            )
    except ReportNotWritten as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 3
    print(path)
    return 0


COMMANDS: dict[str, Handler] = {
    "receiver": cmd_receiver,
    "keyring": cmd_keyring,
    "import": cmd_import,
    "submissions": cmd_submissions,
    "report": cmd_report,
}
