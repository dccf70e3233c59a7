"""`cchc plan …`: the plans held, importing one from the authoring workbook, exporting one."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from cchc_tui.cli import plan_letters
from cchc_tui.cli.common import WIDTH, confirm, print_json, shorten, subparser, wrap
from cchc_tui.domain.progress import format_amount
from cchc_tui.domain.safe_text import one_line
from cchc_tui.services.errors import ServiceError
from cchc_tui.services.workspace import Workspace

MAX_LISTED = 20


def add_commands(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    """Add `plan template|import|list|show|export`."""
    plan = command("plan", "các kế hoạch: nạp từ tệp Excel, xem, xuất")
    sub = plan.add_subparsers(dest="plan_action", required=True, parser_class=type(plan))
    p = subparser(sub, "template", "ghi tệp Excel mẫu để soạn kế hoạch (có hướng dẫn, ví dụ)")
    p.add_argument("--out", required=True, metavar="TỆP.xlsx")
    p = subparser(sub, "import", "nạp kế hoạch từ tệp Excel: xem trước, --yes để lưu")
    p.add_argument("file", metavar="TỆP.xlsx")
    p.add_argument("--yes", action="store_true", help="lưu khi tệp không có lỗi, không hỏi")
    p.add_argument(
        "--replace",
        action="store_true",
        help="bản sửa đổi của kế hoạch đã có (cùng số hiệu): xem những gì thay đổi rồi thay",
    )
    p.add_argument("--json", action="store_true")
    p = subparser(sub, "list", "các kế hoạch đang có")
    p.add_argument("--json", action="store_true")
    p = subparser(sub, "show", "xem một kế hoạch")
    p.add_argument("plan_id", metavar="MÃ", help="ví dụ 56-2020, 138-2025")
    p = subparser(sub, "export", "xuất một kế hoạch ra tệp Excel theo mẫu")
    p.add_argument("plan_id", metavar="MÃ")
    p.add_argument("--out", required=True, metavar="TỆP.xlsx")
    plan_letters.add_plan_actions(sub)  # publish (office), add (agency): signed plans


def _day(iso: str) -> str:
    return f"{iso[8:10]}/{iso[5:7]}/{iso[:4]}"


def cmd_plan(ws: Workspace, args: argparse.Namespace) -> int:
    """Dispatch `cchc plan <action>`."""
    if args.plan_action in ("publish", "add"):
        return plan_letters.cmd_plan_letter(ws, args)
    return {
        "template": _template,
        "import": _import,
        "list": _list,
        "show": _show,
        "export": _export,
    }[args.plan_action](ws, args)


def _template(ws: Workspace, args: argparse.Namespace) -> int:
    from cchc_tui.services.plans import write_template

    print(f"Đã ghi tệp mẫu: {write_template(ws, Path(args.out))}")
    return 0


def _export(ws: Workspace, args: argparse.Namespace) -> int:
    from cchc_tui.services.plans import export_plan

    print(f"Đã ghi: {export_plan(ws, args.plan_id, Path(args.out))}")
    return 0


def _list(ws: Workspace, args: argparse.Namespace) -> int:
    from cchc_tui.services.catalog import load_plan
    from cchc_tui.services.plans import held_plans, short_id

    plans, current = held_plans(ws), load_plan(ws).id
    if args.json:
        print_json(
            [
                {
                    "id": short_id(p),
                    "stored_id": p.id,
                    "number": p.number,
                    "title": p.title,
                    "from": p.start,
                    "to": p.end,
                    "tasks": p.tasks,
                    "current": p.id == current,
                }
                for p in plans
            ]
        )
        return 0
    for p in plans:
        mark = "*" if p.id == current else " "
        print(
            one_line(
                f"{mark} {short_id(p):<10} {p.number:<14} {_day(p.start)}–{_day(p.end)} "
                f"{p.tasks:>4} nhiệm vụ"
            )
        )
        print("  " + shorten(p.title, WIDTH - 2))
    print("(* kế hoạch đang theo dõi theo ngày hôm nay; chọn kế hoạch khác bằng --plan MÃ)")
    return 0


def _show(ws: Workspace, args: argparse.Namespace) -> int:
    from cchc_tui.services.plans import find_plan_id, plan_by_id

    plan = plan_by_id(ws, find_plan_id(ws, args.plan_id))
    print(one_line(f"{plan.number} ngày {plan.date:%d/%m/%Y} — {plan.issuer}"))
    print(wrap(plan.title))
    print(
        f"Thời gian: {plan.start:%d/%m/%Y} – {plan.end:%d/%m/%Y}; kỳ báo cáo "
        f"{plan.periods[0].id} … {plan.periods[-1].id}"
        if plan.periods
        else ""
    )
    for task in plan.tasks:  # two lines a task: when and who, then what
        head = one_line(f"  {task.code:<7} {task.end.label:<16} chủ trì: ")
        print(head + shorten(task.lead.text, WIDTH - len(head)))
        print(" " * 10 + shorten(task.title, WIDTH - 10))
    for indicator in plan.indicators:
        targets = ", ".join(  # `80%` or a count in its unit, `150 hồ sơ`
            f"{format_amount(t.min_bp, indicator.unit)} ({t.year})" for t in indicator.targets
        )
        print(wrap(f"chỉ tiêu {indicator.id}: {indicator.title} — {targets}", "  "))
    return 0


def _print_preview(preview) -> None:
    document = preview.document
    tasks = document.get("tasks", [])
    meta = document.get("plan", {})
    if meta.get("number"):
        print(
            one_line(
                f"Kế hoạch {meta['number']} (mã {meta.get('id', '')}): {len(tasks)} nhiệm vụ, "
                f"{len(document.get('indicators', []))} chỉ tiêu."
            )
        )
    for name, found in sorted(preview.resolved.items())[:MAX_LISTED]:
        print(f"  cơ quan: {one_line(name)}" + (f" → {found}" if found != name else ""))
    if len(preview.resolved) > MAX_LISTED:
        print(f"  … và {len(preview.resolved) - MAX_LISTED} tên cơ quan khác đã nhận ra")
    for name, cover in sorted(preview.collectives.items()):
        print(f"  ghi chung: {one_line(name)} → {cover}")
    if preview.deadlines:
        kinds = ", ".join(f"{k}: {n}" for k, n in preview.deadlines.most_common())
        print(f"  thời hạn: {kinds}")
    for row, name, candidates in preview.unresolved:
        close = f" (gần nhất: {'; '.join(candidates)})" if candidates else ""
        print(f"  không nhận ra cơ quan, trang NhiemVu dòng {row}: '{one_line(name)}'{close}")
    for sheet, row, message in preview.problems:
        where = f"trang {sheet} dòng {row}" if row else f"trang {sheet}"
        print(f"  lỗi, {where}: {one_line(message)}")


def _import(ws: Workspace, args: argparse.Namespace) -> int:
    from cchc_tui.services.plan_replace import replacement_for
    from cchc_tui.services.plans import held_plans, import_plan_document, preview_import, short_id

    preview = preview_import(ws, Path(args.file))
    if not args.json:
        _print_preview(preview)
    elif not preview.ok:
        print_json(
            {
                "problems": [{"sheet": s, "row": r, "message": m} for s, r, m in preview.problems],
                "unresolved": [
                    {"row": r, "name": n, "candidates": list(c)} for r, n, c in preview.unresolved
                ],
            }
        )
    if not preview.ok:
        count = len(preview.problems) + len(preview.unresolved)
        raise ServiceError(
            f"tệp {args.file} có {count} chỗ cần sửa (xem các dòng trên): sửa tệp rồi nạp lại; "
            "chưa lưu gì."
        )
    found = replacement_for(ws, preview.document, replace=args.replace)
    plan_id = preview.document["plan"]["id"]
    held = any(plan_id in (h.id, short_id(h)) for h in held_plans(ws))
    if found is not None and not args.json:
        plan_letters.print_replacement(found, held="bản nạp từ tệp Excel")

    def data(plan_id: str, stored: bool) -> dict:
        result = {"plan_id": plan_id, "tasks": len(preview.document["tasks"]), "stored": stored}
        if args.replace:  # what replacing changes, as `plan add --json` says it
            action = "replace" if found else "same" if held else "new"
            result |= {"action": action, **plan_letters.replacement_data(found)}
        return result

    question = (
        "Thay kế hoạch đang có bằng bản này? (c/k): " if found else "Lưu kế hoạch này? (c/k): "
    )
    if not args.yes and (args.json or not confirm(question)):
        if args.json:
            print_json(data(found.plan_id if found else preview.document["plan"]["id"], False))
        else:
            print("Chưa lưu kế hoạch.")
        return 1
    result = import_plan_document(ws, preview.document, replace=args.replace)
    if args.json:
        print_json(data(result.plan_id, result.stored))
    elif result.replaced:
        print(f"Đã thay kế hoạch {result.plan_id} bằng bản sửa đổi ({result.tasks} nhiệm vụ).")
    elif result.stored:
        print(f"Đã lưu kế hoạch: {result.plan_id} ({result.tasks} nhiệm vụ).")
    else:
        print(f"Kế hoạch đã có, không thay đổi: {result.plan_id}.")
    return 0


COMMANDS = {"plan": cmd_plan}
