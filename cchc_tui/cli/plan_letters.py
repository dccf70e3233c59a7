"""`cchc plan publish ID --out FILE` (the office signs a plan it holds) and `cchc plan add
FILE [--yes] [--json]` (an agency loads it: new here, the same again, or a correction
whose changes are shown before it replaces the version held).

A refused file is one `Lỗi:` line and exit 1; nothing is written."""

from __future__ import annotations

import argparse
from pathlib import Path

from cchc_tui.cli.common import add_common_options, confirm, print_json, read_passphrase
from cchc_tui.cli.letters import ENV_PASSPHRASE, moment_text, print_agency_changes, refused
from cchc_tui.domain.safe_text import one_line


def add_plan_actions(sub: argparse._SubParsersAction) -> None:
    """Add `cchc plan publish ID --out FILE` (office) and `cchc plan add FILE` (agency)."""
    p = sub.add_parser("publish", help="Sở Nội vụ: ký và ghi kế hoạch gửi các cơ quan")
    add_common_options(p, suppress=True)
    p.add_argument("plan_id", metavar="MÃ")
    p.add_argument("--out", required=True, type=Path, help="tệp sẽ ghi")
    p.add_argument("--passphrase-file", help=f"tệp chứa mật khẩu (hoặc {ENV_PASSPHRASE})")
    p = sub.add_parser("add", help="nạp kế hoạch do Sở Nội vụ ký (kiểm tra chữ ký của Sở)")
    add_common_options(p, suppress=True)
    p.add_argument("file", type=Path)
    p.add_argument("--yes", action="store_true", help="nạp không hỏi")
    p.add_argument("--json", action="store_true", help="những gì thay đổi, dạng dữ liệu")


def cmd_plan_letter(ws, args: argparse.Namespace) -> int:
    """`cchc plan publish ID --out FILE` (office) and `cchc plan add FILE` (agency)."""
    if args.plan_action == "publish":
        from cchc_tui.services.office.office_key import require_office_key
        from cchc_tui.services.office.publish import publish_plan

        require_office_key(ws)
        phrase = read_passphrase(args.passphrase_file, ENV_PASSPHRASE, "Mật khẩu khóa của Sở: ")
        path, plan_id = publish_plan(ws, args.plan_id, args.out, phrase)
        print(f"Đã ký kế hoạch {plan_id}: {path}")
        return 0
    return _plan_add(ws, args)


def _print_plan_preview(preview) -> None:
    from cchc_tui.services.plan_letters import plan_number

    plan, found = preview.plan, preview.replacement
    print(one_line(f"Kế hoạch {plan_number(plan)}: {len(plan['tasks'])} nhiệm vụ"))
    print(f"Sở Nội vụ ký lúc {moment_text(preview.issued_at)}. Cơ quan trong danh mục:")
    print_agency_changes(preview.letter)
    if found is not None:
        print_replacement(found)


def print_replacement(
    found, *, held: str = "bản cài sẵn hoặc nạp từ tệp Excel, chưa do Sở ký"
) -> None:
    """What a correction changes against the version held (`plan add`, `plan import
    --replace`): the held version's origin (`held` when unsigned), the changes, and that
    progress is kept."""
    from cchc_tui.domain.plan_diff import change_lines

    if found.held_signed_at:
        held = f"bản Sở ký lúc {moment_text(found.held_signed_at)}"
    print(f"Bản sửa đổi, thay bản máy đang có ({held}). Những gì thay đổi:")
    for line in change_lines(found.changes, found.kept_reports):
        print(f"  {line}")
    print("Tiến độ đã ghi được giữ nguyên; nhiệm vụ bị bỏ không còn hiện trong danh sách.")


def replacement_data(found) -> dict:
    """The same as data: `held_signed_at`, `changes`, `kept_reports_of_removed_tasks`."""
    from cchc_tui.domain.plan_diff import changes_as_data

    return {
        "held_signed_at": found.held_signed_at if found else None,
        "changes": changes_as_data(found.changes) if found else None,
        "kept_reports_of_removed_tasks": found.kept_reports if found else 0,
    }


def _plan_data(preview, plan_id: str | None = None, *, stored: bool = False) -> dict:
    from cchc_tui.services.plan_letters import plan_number

    found = preview.replacement
    meta = preview.plan["plan"]
    action = "same" if preview.same else "replace" if found else "new"
    return {
        "plan_id": plan_id or meta.get("id"),
        "number": plan_number(preview.plan),
        "issued_at": preview.issued_at,
        "tasks": len(preview.plan["tasks"]),
        "action": action,
        **replacement_data(found),
        "agencies": {
            "added": [a.id for a in preview.letter.added],
            "changed": [{"id": a.id, "fields": what} for a, what in preview.letter.changed],
        },
        "stored": stored,
    }


def _plan_add(ws, args: argparse.Namespace) -> int:
    """`cchc plan add FILE [--yes] [--json]` on an agency's install."""
    from cchc_tui.services import plan_letters
    from cchc_tui.services.letters import LetterRefused

    try:
        preview = plan_letters.preview_plan(ws, args.file)
    except LetterRefused as exc:
        return refused(exc)
    if args.json and not args.yes:
        print_json(_plan_data(preview))
        return 1
    if not args.json:
        _print_plan_preview(preview)
        nothing = preview.same and not (preview.letter.added or preview.letter.changed)
        if not nothing and not args.yes and not confirm("Nạp tệp này? (c/k): "):
            print("Chưa nạp gì.")
            return 1
    try:
        plan_id, changed = plan_letters.apply_plan(ws, preview)
    except LetterRefused as exc:
        return refused(exc)
    if args.json:
        print_json(_plan_data(preview, plan_id, stored=changed))
    elif not changed:
        print(f"Máy đã có kế hoạch {plan_id} đúng như bản này: không có gì thay đổi.")
    elif preview.replacement is not None:
        print(f"Đã thay kế hoạch {plan_id} bằng bản sửa đổi: cchc tasks --plan {plan_id}.")
    else:
        print(f"Đã nạp kế hoạch {plan_id}: xem nhiệm vụ bằng cchc tasks --plan {plan_id}.")
    return 0
