"""What each CLI subcommand does: call a service, print text or JSON."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable

from cchc_tui.cli.common import (
    WIDTH,
    Parser,
    add_common_options,
    agency_arg,
    agreed,
    print_json,
    shorten,
    wrap,
)
from cchc_tui.domain.periods import days_left_text
from cchc_tui.domain.progress import NOT_REPORTED_LABEL, STATUS_LABELS, RawEntry, format_day
from cchc_tui.domain.roles import role_label
from cchc_tui.services import catalog, progress, reorganisation, settings, tasks
from cchc_tui.services.errors import ServiceError
from cchc_tui.services.workspace import Workspace


def add_commands(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    """Add the agency's subcommands: init, agencies, add-commune, tasks, periods, progress."""
    p = command(
        "init", "lưu hồ sơ: cơ quan và cán bộ đầu mối (hoặc --receiver: Sở Nội vụ tổng hợp)"
    )
    p.add_argument("--agency", help="cơ quan báo cáo (mã hoặc tên)")
    p.add_argument(
        "--receiver", action="store_true", help="bật chức năng tiếp nhận, tổng hợp của Sở Nội vụ"
    )
    p.add_argument("--officer", required=True, help="họ tên cán bộ đầu mối")
    p.add_argument("--title", default="", help="chức vụ")
    p.add_argument("--deadline-day", help="ngày hạn nộp trong tháng cuối kỳ (1-20, mặc định 15)")
    for option, field, text in REPORT_OPTIONS:
        p.add_argument(option, dest=f"report_{field}", metavar="CHỮ", help=f"báo cáo Word: {text}")

    p = command("agencies", "danh sách cơ quan")
    p.add_argument("--json", action="store_true")
    p.add_argument("--kind", choices=["department", "body", "district", "commune"])
    p = command(
        "add-commune",
        "thêm xã, phường: một xã (--name), hoặc cả danh sách từ tệp CSV/Excel (--file)",
    )
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--name", help="tên xã, ví dụ: Xã Tân Long, Phường Minh Xuân")
    what.add_argument(
        "--file", help="tệp .csv hoặc .xlsx, cột: Tên, Loại (xã/phường), Từ ngày, Tỉnh cũ"
    )
    p.add_argument(
        "--district", help="huyện (mã hoặc tên): xã trước 01/7/2025, kết thúc cùng huyện"
    )
    p.add_argument("--kind", help="xã hoặc phường (khi tên không ghi sẵn)")
    p.add_argument(
        "--from", dest="valid_from", help="hoạt động từ ngày (dd/mm/yyyy; mặc định 01/07/2025)"
    )
    p.add_argument("--yes", action="store_true", help="với --file: không hỏi xác nhận")

    p = command("tasks", "nhiệm vụ của cơ quan (trong hồ sơ, hoặc --agency); cả kế hoạch với --all")
    p.add_argument("--agency", default=argparse.SUPPRESS)
    p.add_argument("--all", action="store_true", help="mọi nhiệm vụ của kế hoạch")
    p.add_argument("--period", help="kỳ báo cáo, ví dụ 2025-Q1 (mặc định: kỳ hiện tại)")
    p.add_argument("--related", action="store_true", help="kể cả nhiệm vụ 'cơ quan liên quan'")
    p.add_argument("--json", action="store_true")

    p = command("periods", "các kỳ báo cáo và hạn nộp")
    p.add_argument("--year", type=int)
    p.add_argument("--json", action="store_true")

    p = command("progress", "ghi hoặc xem tiến độ một nhiệm vụ trong một kỳ")
    psub = p.add_subparsers(dest="action", required=True, parser_class=Parser)
    for action, text in (
        ("set", "ghi tiến độ (một lần lưu mới)"),
        ("show", "xem tiến độ và lịch sử"),
    ):
        q = psub.add_parser(action, help=text, description=text)
        add_common_options(q, suppress=True)
        q.add_argument("--agency", default=argparse.SUPPRESS)
        q.add_argument("--task", required=True)
        q.add_argument("--period")
        q.add_argument("--plan", default=argparse.SUPPRESS, metavar="MÃ", help="kế hoạch")
        if action == "set":
            q.add_argument(
                "--status", required=True, help="not_started | in_progress | done | not_applicable"
            )
            q.add_argument("--progress", default="", help="0-100 (hoàn thành: 100; mặc định 0)")
            q.add_argument("--result", default="")
            q.add_argument("--difficulties", default="")
            q.add_argument("--proposals", default="")
            q.add_argument(
                "--evidence", action="append", default=[], metavar="SỐ|dd/mm/yyyy|TRÍCH YẾU"
            )
            q.add_argument(
                "--indicator",
                action="append",
                default=[],
                metavar="MÃ=TỬ/MẪU",
                help="số liệu chỉ tiêu: tỷ lệ %% ghi TỬ/MẪU; chỉ tiêu đếm (hồ sơ…) ghi MÃ=SỐ",
            )
            q.add_argument("--by", help="người ghi (mặc định: cán bộ trong hồ sơ)")
        else:
            q.add_argument("--json", action="store_true")


REPORT_OPTIONS = (
    ("--signer", "signer_name", "họ tên người ký"),
    ("--signer-title", "signer_title", "chức vụ người ký, ví dụ PHÓ GIÁM ĐỐC"),
    ("--signer-authority", "signer_authority", "thẩm quyền ký, ví dụ KT. GIÁM ĐỐC"),
    ("--recipient", "recipient", "kính gửi (mặc định: UBND tỉnh, qua Sở Nội vụ)"),
    ("--parent-body", "parent_body", "cơ quan chủ quản (mặc định: UBND TỈNH TUYÊN QUANG)"),
    ("--number-prefix", "number_prefix", "ký hiệu số báo cáo, ví dụ BC-STP"),
    ("--next-steps", "next_steps", "nội dung mục IV, phương hướng kỳ tới"),
)
"""`cchc init` options for what the Word report cannot take from the data."""


def cmd_init(ws: Workspace, args: argparse.Namespace) -> int:
    if not (args.agency or args.receiver):
        raise ServiceError(
            "Cần --agency MÃ (cơ quan báo cáo) hoặc --receiver (Sở Nội vụ tổng hợp)."
        )
    if args.deadline_day is not None:
        settings.set_deadline_day(ws, args.deadline_day)
    report = {
        f: v for _o, f, _t in REPORT_OPTIONS if (v := getattr(args, f"report_{f}")) is not None
    }
    if report:
        from cchc_tui.services.word.settings import save_report_settings

        save_report_settings(ws, **report)
    if args.agency:
        profile = settings.save_profile(ws, args.agency, args.officer, args.title)
        agency = catalog.find_agency(ws, profile.agency_id)
        print(f"Đã lưu hồ sơ: {agency.name} — {profile.officer}. Dữ liệu: {ws.data_dir}")
        notice = reorganisation.ended_notice(ws, agency)
        if notice:
            print(f"Lưu ý: {notice}")
    if args.receiver:
        from cchc_tui.services.office.profile import save_office_profile

        receiver = save_office_profile(ws, args.officer, args.title)
        print(f"Đã bật chức năng tiếp nhận, tổng hợp của Sở Nội vụ — cán bộ: {receiver.officer}.")
    return 0


def cmd_agencies(ws: Workspace, args: argparse.Namespace) -> int:
    registry = catalog.load_registry(ws)
    items = [a for a in registry if args.kind in (None, a.kind)]
    if args.json:
        print_json([a.to_dict() for a in items])
    else:
        for a in items:  # what does not fit 80 columns goes on under the name
            head = f"{a.id:<28} "
            ended = f"(đến {format_day(a.valid_to)})" if a.valid_to else ""
            line = f"{head}{a.name}  {ended}".rstrip()
            if len(line) > WIDTH:
                line = wrap_under(head, a.name) + (
                    f"\n{wrap_under(' ' * len(head), ended)}" if ended else ""
                )
            print(line)
    return 0


def wrap_under(head: str, text: str) -> str:
    """`head` then `text`, wrapped to 80 columns with the next lines under the text's start."""
    import textwrap

    return textwrap.fill(
        text,
        WIDTH,
        initial_indent=head,
        subsequent_indent=" " * min(len(head), WIDTH // 2),
        break_on_hyphens=False,
    )


def cmd_add_commune(ws: Workspace, args: argparse.Namespace) -> int:
    from cchc_tui.services.agencies import add_commune

    if args.file:
        return _import_communes(ws, args)
    if args.district and (args.kind or args.valid_from):
        raise ServiceError("--kind và --from dùng cho xã mới (không kèm --district).")
    valid_from = _day(args.valid_from) if args.valid_from else None
    agency = add_commune(ws, args.name, args.district, kind=args.kind, valid_from=valid_from)
    if agency.parent:
        print(f"Đã thêm {agency.name} (mã {agency.id}) thuộc {agency.parent}.")
        if agency.valid_to:
            print(
                f"Lưu ý: xã thuộc huyện nên kết thúc cùng huyện ngày {format_day(agency.valid_to)}."
                " Xã, phường từ 01/7/2025 thêm không kèm --district, hoặc nạp danh sách bằng --file."
            )
    else:
        print(f"Đã thêm {agency.name} (mã {agency.id}) từ ngày {format_day(agency.valid_from)}.")
    return 0


def _day(text: str):
    from cchc_tui.domain.communes import CommuneError, parse_date

    try:
        return parse_date(text)
    except CommuneError as exc:
        raise ServiceError(f"--from: {exc}.") from None


def _import_communes(ws: Workspace, args: argparse.Namespace) -> int:
    """`add-commune --file`: show what the list adds, ask, then add it in one transaction."""
    from cchc_tui.services.agencies import import_communes
    from cchc_tui.services.commune_list import read_commune_file

    if args.district or args.kind or args.valid_from:
        raise ServiceError(
            "--file không dùng cùng --district, --kind, --from: tệp ghi sẵn các cột."
        )
    checked = read_commune_file(ws, args.file)
    total = len(checked.new) + len(checked.present)
    print(f"Tệp {checked.file_name}: {total} xã, phường.")
    for c in checked.new:
        outside = "  (không báo cáo kế hoạch này)" if c in checked.outside_plan else ""
        print(f"  + {c.id:<28} {c.name}, từ {format_day(c.valid_from)}{outside}")
    if checked.present:
        print(f"Đã có trong danh mục, giữ nguyên: {len(checked.present)}.")
    if checked.outside_plan:
        print(
            f"Lưu ý: {len(checked.outside_plan)} xã, phường không báo cáo: {checked.outside_note}"
        )
    if not checked.new:
        print("Không có xã, phường mới: danh mục không thay đổi.")
        return 0
    if not agreed(
        args.yes,
        f"Thêm {len(checked.new)} xã, phường vào danh mục? (c/k): ",
        "Chưa thêm xã, phường nào.",
        "chạy lại với --yes sau khi đã kiểm tra danh sách",
    ):
        return 1
    added = import_communes(ws, checked)
    print(f"Đã thêm {len(added)} xã, phường vào danh mục.")
    return 0


def _task_json(task, roles: tuple[str, ...] | None = None) -> dict:
    out = {
        "code": task.code,
        "group": task.group,
        "title": task.title,
        "content": task.content,
        "lead": {"text": task.lead.text, "agencies": list(task.lead.refs)},
        "partners": {"text": task.partners.text, "agencies": list(task.partners.refs)},
        "start": task.start.to_dict(),
        "end": task.end.to_dict(),
    }
    if roles is not None:
        out["roles"] = list(roles)
    return out


def cmd_tasks(ws: Workspace, args: argparse.Namespace) -> int:
    plan = catalog.load_plan(ws)
    if args.all and getattr(args, "agency", None):
        raise ServiceError("--all là cả kế hoạch: bỏ --agency, hoặc bỏ --all.")
    if not args.all and not getattr(args, "agency", None):
        profile = settings.get_profile(ws)
        if profile is not None:
            args.agency = profile.agency_id
    if not getattr(args, "agency", None):
        period = catalog.find_period(ws, args.period) if args.period else None
        chosen = [t for t in plan.tasks if period is None or plan.is_active(t, period)]
        if args.json:
            due = {t.code: t.end.due for t in chosen}
            print_json(
                [
                    {
                        **_task_json(t),
                        "plan": plan.id,
                        "due": due[t.code] and due[t.code].isoformat(),
                    }
                    for t in chosen
                ]
            )
        else:
            for t in chosen:
                print(f"{t.code:<7} {shorten(t.title, WIDTH - 8)}")
        return 0
    agency, period, rows = tasks.agency_tasks(
        ws, args.agency, args.period, include_related=args.related
    )
    if args.json:
        out = []
        for row in rows:
            item = _task_json(plan.task(row.code), row.roles)
            item.update(
                plan=plan.id,
                period=period.id,
                active=row.active,
                due=row.due.isoformat() if row.due else None,
                status=row.status,
                progress=row.progress,
                inherited_from=[{"role": r, "from": via} for r, via in row.inherited],
            )
            out.append(item)
        print_json(out)
        return 0
    print(wrap(f"{agency.name} — {period.label} ({period.id})"))
    notice = reorganisation.ended_notice(ws, agency)
    if notice:
        print(wrap(f"Lưu ý: {notice}"))
    today = ws.clock.today()
    active = sorted((r for r in rows if r.active), key=lambda r: (r.due or dt.date.max, r.code))
    for row in active:
        status = STATUS_LABELS.get(row.status or "", NOT_REPORTED_LABEL)
        inherited = f" ({row.inherited_note})" if row.inherited_note else ""
        due = f"{format_day(row.due)} {days_left_text(row.due, today)}" if row.due else "—"
        print(f"{row.code:<7} {role_label(row.roles):<17} {status:<15} {due}")
        print(f"        {shorten(row.title, WIDTH - 8 - len(inherited))}{inherited}")
    if active:
        print("Sắp theo hạn hoàn thành nhiệm vụ; xem cả kế hoạch: cchc tasks --all.")
    return 0


def cmd_periods(ws: Workspace, args: argparse.Namespace) -> int:
    plan = catalog.load_plan(ws)
    day = settings.deadline_day(ws)
    current = catalog.find_period(ws, None)
    items = [p for p in plan.periods if args.year in (None, p.year)]
    if args.json:
        print_json(
            [
                {
                    "id": p.id,
                    "label": p.label,
                    "start": p.start.isoformat(),
                    "end": p.end.isoformat(),
                    "deadline": p.deadline(day).isoformat(),
                    "current": p == current,
                }
                for p in items
            ]
        )
        return 0
    for p in items:  # 78 columns with the mark: short names ("6 tháng/2025"), as on screen
        mark = " ← kỳ hiện tại" if p == current else ""
        span = f"{format_day(p.start)}–{format_day(p.end)}"
        deadline = format_day(p.deadline(day))
        print(f"{p.id:<8} {p.short_label:<12}  {span}  hạn nộp {deadline}{mark}")
    if catalog.in_final_review(ws):
        print(
            wrap(
                f"Kế hoạch {plan.number} đã hết thời hạn ({format_day(plan.end)}): đang tổng "
                f"kết, kỳ cuối là {plan.periods[-1].id}."
            )
        )
    return 0


def format_moment(iso: str) -> str:
    """ISO 8601 → dd/mm/yyyy hh:mm (the officer's local time as stored)."""
    if len(iso) < 16:
        return iso
    return f"{iso[8:10]}/{iso[5:7]}/{iso[:4]} {iso[11:16]}"


def _raw_entry(args: argparse.Namespace) -> RawEntry:
    evidence = []
    for item in args.evidence:
        parts = [*item.split("|"), "", ""][:3]
        evidence.append((parts[0], parts[1], parts[2]))
    indicators = {}
    for item in args.indicator:
        key, _, value = item.partition("=")
        num, _, den = value.partition("/")
        indicators[key.strip()] = (num, den)
    return RawEntry(
        status=args.status,
        progress=args.progress,
        result=args.result,
        difficulties=args.difficulties,
        proposals=args.proposals,
        evidence=evidence,
        indicators=indicators,
    )


def cmd_progress(ws: Workspace, args: argparse.Namespace) -> int:
    profile = settings.get_profile(ws)
    agency = agency_arg(ws, args, profile=profile)
    slot = progress.resolve_slot(ws, agency, args.task, args.period, writing=args.action == "set")
    if args.action == "set":
        author = args.by or (profile.officer if profile else "")
        rev = progress.record_progress(ws, slot, _raw_entry(args), author)
        print(
            f"Đã lưu lần {rev.number}: {slot.task_code} kỳ {slot.period_id} — {STATUS_LABELS[rev.entry.status]}, {rev.entry.progress}%."
        )
        for warning in rev.warnings:
            print(wrap(f"Lưu ý: {warning}"), file=sys.stderr)
        return 0
    history = progress.slot_history(ws, slot)
    if args.json:
        print_json(
            {
                "agency_id": slot.agency_id,
                "task": slot.task_code,
                "period": slot.period_id,
                "revisions": [_revision_json(r) for r in history],
            }
        )
        return 0
    if not history:
        print(f"{slot.task_code} kỳ {slot.period_id}: {NOT_REPORTED_LABEL}.")
    for r in history:
        _print_revision(r)
    return 0


def _print_revision(r) -> None:
    """One revision in plain text, every line within 80 columns."""
    e = r.entry
    restored = f" (khôi phục lần {r.restored_from})" if r.restored_from else ""
    print(
        wrap(
            f"Lần {r.number} — {format_moment(r.created_at)} — {r.author}{restored}: "
            f"{STATUS_LABELS[e.status]}, {e.progress}%"
        )
    )
    for label, text in (
        ("Kết quả", e.result),
        ("Khó khăn", e.difficulties),
        ("Đề xuất", e.proposals),
    ):
        if text:
            print(wrap(f"{label}: {text}", indent="    "))
    for pos, doc in enumerate(e.evidence, start=1):
        summary = f" — {doc.summary}" if doc.summary else ""
        print(
            wrap(
                f"Văn bản {pos}: {doc.number} ngày {format_day(doc.issued_on)}{summary}",
                indent="    ",
            )
        )
    for v in e.indicators:
        print(wrap(f"Chỉ tiêu {v.indicator_id}: {v.numerator}/{v.denominator}", indent="    "))


def _revision_json(r) -> dict:
    e = r.entry
    return {
        "number": r.number,
        "created_at": r.created_at,
        "author": r.author,
        "status": e.status,
        "progress": e.progress,
        "result": e.result,
        "difficulties": e.difficulties,
        "proposals": e.proposals,
        "evidence": e.evidence_json(),
        "indicators": e.indicators_json(),
        "restored_from": r.restored_from,
    }


COMMANDS = {
    "init": cmd_init,
    "agencies": cmd_agencies,
    "add-commune": cmd_add_commune,
    "tasks": cmd_tasks,
    "periods": cmd_periods,
    "progress": cmd_progress,
}
