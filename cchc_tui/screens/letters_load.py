"""Load one file from Sở Nội vụ on the "Thư từ Sở Nội vụ" screen: a key (after comparing
its fingerprint), a receipt, a registry update or a plan (after a preview)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from cchc_tui.domain.periods import period_label
from cchc_tui.services import letters as service
from cchc_tui.services.errors import ServiceError

if TYPE_CHECKING:
    from cchc_tui.screens.letters import LettersScreen


def _confirm(screen: LettersScreen, question: str, apply, dialog=None) -> None:
    from cchc_tui.screens.dialogs import ConfirmDialog

    def answered(yes: bool | None) -> None:
        if not yes:
            return
        try:
            screen.loaded(apply())
        except ServiceError as exc:
            screen.refused(exc)

    screen.app.push_screen(dialog or ConfirmDialog(question, yes="Nạp", no="Thôi"), answered)


def _load_plan(screen: LettersScreen, path: Path) -> None:
    """A plan: new here, the same again, or a correction whose changes are shown first."""
    from cchc_tui.screens.letters_plan import PlanChangesDialog
    from cchc_tui.services import plan_letters

    ws = screen.ws
    preview = plan_letters.preview_plan(ws, path)

    def apply_plan() -> str:
        plan_id, changed = plan_letters.apply_plan(ws, preview)
        screen.app.data_version += 1
        if not changed:
            return "Kế hoạch này đã có trên máy."
        if preview.replacement is not None:
            return f"Đã thay kế hoạch {plan_id} bằng bản sửa đổi; tiến độ đã ghi được giữ."
        return f"Đã nạp kế hoạch {plan_id}."

    if preview.same and not (preview.letter.added or preview.letter.changed):
        screen.loaded(apply_plan())
        return
    _confirm(screen, "", apply_plan, PlanChangesDialog(preview))


def _changes(preview) -> str:
    lines = [f"+ {a.name}" for a in preview.added[:5]]
    lines += [f"~ {a.name}: {what}" for a, what in preview.changed[:5]]
    more = len(preview.added) + len(preview.changed) - len(lines)
    if more > 0:
        lines.append(f"… và {more} cơ quan khác")
    return "\n".join(lines) or "Danh mục cơ quan không thay đổi."


def load_office_file(screen: LettersScreen, path: Path) -> None:
    """Verify the file; ask where a person must decide; store it or say why not."""
    from cchc_tui.services import receipts, registry_updates

    ws = screen.ws
    try:
        raw = service.read_file(path)
        kind = service.kind_of_file(raw)
        if kind in ("key", "rotation"):
            offer = service.preview_office_key(ws, raw)
            question = (
                f"Khóa của {offer.office_name}\nVân tay: {offer.fingerprint}\n\n"
                "Đối chiếu vân tay với công văn có dấu của Sở Nội vụ hoặc qua điện thoại. Khớp?"
            )

            def pin() -> str:
                if service.pin_office_key(ws, offer):
                    return f"Đã cài khóa của Sở Nội vụ, vân tay {offer.fingerprint}."
                return "Khóa này đã được cài trước đó."

            _confirm(screen, question, pin)
        elif kind == "registry":
            preview = registry_updates.preview_registry(ws, path)

            def apply_registry() -> str:
                registry_updates.apply_registry(ws, preview)
                return f"Đã nạp danh mục: {len(preview.added)} mới, {len(preview.changed)} đổi."

            _confirm(
                screen, f"Danh mục cơ quan của Sở Nội vụ:\n{_changes(preview)}", apply_registry
            )
        elif kind == "plan":
            _load_plan(screen, path)
        else:
            loaded = receipts.add_receipt(ws, path)
            screen.app.data_version += 1
            screen.loaded(f"Kỳ {period_label(loaded.period_id)}: {loaded.line}.")
    except ServiceError as exc:
        screen.refused(exc)
