"""What each CLI subcommand does: call a service, print text or JSON."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from cchc_tui.clock import clock_from
from cchc_tui.progress import NOT_REPORTED_LABEL, STATUS_LABELS, RawEntry, format_day
from cchc_tui.roles import role_label
from cchc_tui.services import catalog, progress, settings, tasks
from cchc_tui.services.errors import ServiceError
from cchc_tui.services.workspace import Workspace, open_workspace


def _print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _workspace(args: argparse.Namespace) -> Workspace:
    clock = clock_from(getattr(args, "today", None))
    data_dir = getattr(args, "data_dir", None)
    return open_workspace(Path(data_dir) if data_dir else None, clock)


def agency_arg(
    ws: Workspace, args: argparse.Namespace, *, profile: settings.Profile | None = None
) -> str:
    """`--agency`, else the profile's agency; a clear error when neither is set.

    Pass `profile` when the caller has already read it.
    """
    value = getattr(args, "agency", None)
    if value:
        return value
    profile = profile or settings.get_profile(ws)
    if profile is None:
        raise ServiceError(
            "Chưa chọn cơ quan: thêm --agency MÃ, hoặc lưu hồ sơ bằng "
            'cchc init --agency MÃ --officer "Họ tên".'
        )
    return profile.agency_id


def dispatch(args: argparse.Namespace) -> int:
    """Run the chosen subcommand (the TUI when there is none) on the opened workspace."""
    if args.command is None:
        from cchc_tui.launch import run_app as handler
    else:
        from cchc_tui import cli_bundle, cli_receiver

        handler = {**COMMANDS, **cli_bundle.COMMANDS, **cli_receiver.COMMANDS}[args.command]
    ws = _workspace(args)
    try:
        return handler(ws, args)
    finally:
        ws.db.close()


def cmd_init(ws: Workspace, args: argparse.Namespace) -> int:
    if not (args.agency or args.receiver):
        raise ServiceError(
            "Cần --agency MÃ (cơ quan báo cáo) hoặc --receiver (Sở Nội vụ tổng hợp)."
        )
    if args.deadline_day is not None:
        settings.set_deadline_day(ws, args.deadline_day)
    if args.agency:
        profile = settings.save_profile(ws, args.agency, args.officer, args.title)
        agency = catalog.find_agency(ws, profile.agency_id)
        print(f"Đã lưu hồ sơ: {agency.name} — {profile.officer}. Dữ liệu: {ws.data_dir}")
    if args.receiver:
        from cchc_tui.services.receiver.profile import save_receiver_profile

        receiver = save_receiver_profile(ws, args.officer, args.title)
        print(f"Đã bật chức năng tiếp nhận, tổng hợp của Sở Nội vụ — cán bộ: {receiver.officer}.")
    return 0


def cmd_agencies(ws: Workspace, args: argparse.Namespace) -> int:
    registry = catalog.load_registry(ws)
    items = [a for a in registry if args.kind in (None, a.kind)]
    if args.json:
        _print_json([a.to_dict() for a in items])
    else:
        for a in items:
            ended = f"  (đến {format_day(a.valid_to)})" if a.valid_to else ""
            print(f"{a.id:<28} {a.name}{ended}")
    return 0


def cmd_add_commune(ws: Workspace, args: argparse.Namespace) -> int:
    from cchc_tui.services.agencies import add_commune

    agency = add_commune(ws, args.name, args.district)
    print(f"Đã thêm {agency.name} (mã {agency.id}) thuộc {agency.parent}.")
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
    if not getattr(args, "agency", None):
        period = catalog.find_period(ws, args.period) if args.period else None
        chosen = [t for t in plan.tasks if period is None or plan.is_active(t, period)]
        if args.json:
            _print_json([_task_json(t) for t in chosen])
        else:
            for t in chosen:
                print(f"{t.code:<7} {t.title}")
        return 0
    agency, period, rows = tasks.agency_tasks(
        ws, args.agency, args.period, include_related=args.related
    )
    if args.json:
        out = []
        for row in rows:
            item = _task_json(plan.task(row.code), row.roles)
            item.update(
                period=period.id,
                active=row.active,
                due=row.due.isoformat() if row.due else None,
                status=row.status,
                progress=row.progress,
            )
            out.append(item)
        _print_json(out)
        return 0
    print(f"{agency.name} — {period.label} ({period.id})")
    for row in (r for r in rows if r.active):
        status = STATUS_LABELS.get(row.status or "", NOT_REPORTED_LABEL)
        print(f"{row.code:<7} {role_label(row.roles):<18} {status:<16} {row.title}")
    return 0


def cmd_periods(ws: Workspace, args: argparse.Namespace) -> int:
    plan = catalog.load_plan(ws)
    day = settings.deadline_day(ws)
    current = catalog.find_period(ws, None)
    items = [p for p in plan.periods if args.year in (None, p.year)]
    if args.json:
        _print_json(
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
    for p in items:
        mark = "  ← kỳ hiện tại" if p == current else ""
        print(
            f"{p.id:<8} {p.label:<22} {format_day(p.start)} – {format_day(p.end)}  hạn nộp {format_day(p.deadline(day))}{mark}"
        )
    if catalog.in_final_review(ws):
        print(
            f"Kế hoạch {plan.number} đã hết thời hạn ({format_day(plan.end)}): đang tổng kết, kỳ cuối là {plan.periods[-1].id}."
        )
    return 0


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
    slot = progress.resolve_slot(ws, agency, args.task, args.period)
    if args.action == "set":
        author = args.by or (profile.officer if profile else "")
        rev = progress.record_progress(ws, slot, _raw_entry(args), author)
        print(
            f"Đã lưu lần {rev.number}: {slot.task_code} kỳ {slot.period_id} — {STATUS_LABELS[rev.entry.status]}, {rev.entry.progress}%."
        )
        return 0
    history = progress.slot_history(ws, slot)
    if args.json:
        _print_json(
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
        print(
            f"Lần {r.number} — {r.created_at} — {r.author}: {STATUS_LABELS[r.entry.status]}, {r.entry.progress}%"
        )
        if r.entry.result:
            print(f"    Kết quả: {r.entry.result}")
    return 0


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
