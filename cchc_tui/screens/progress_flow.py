"""Use cases started from several screens: record progress, restore a revision, follow a task.

Each resolves what it needs through the services, opens the modal that collects
input, and hands the write to the app's worker; screens refresh on `data_version`.
"""

from __future__ import annotations

from functools import partial

from cchc_tui.app import CchcApp
from cchc_tui.domain.periods import period_label
from cchc_tui.domain.progress import RawEntry, format_moment
from cchc_tui.domain.safe_text import visible
from cchc_tui.screens.typed_entry import raw_from_entry
from cchc_tui.services import catalog
from cchc_tui.services.errors import ServiceError
from cchc_tui.services.progress import Slot, resolve_slot, slot_history


def offer_drafts(app: CchcApp) -> None:
    """At start: offer to reopen (or throw away) forms left unsaved by a crash."""
    from cchc_tui.services.drafts import discard_draft, pending_drafts

    agency_id = app.agency_id or ""
    drafts = pending_drafts(app.ws, agency_id, catalog.load_plan(app.ws).id)
    if not drafts:
        return
    from cchc_tui.screens.dialogs import DraftsDialog

    def chosen(choice: tuple[str, str, str] | None) -> None:
        if choice is None:
            return
        action, code, period_id = choice
        if action == "open":
            edit_progress(app, code, period_id)
        else:
            label = period_label(period_id)

            def drop() -> str:
                discard_draft(app.ws, agency_id, code, period_id)
                return f"Đã bỏ bản nháp của nhiệm vụ {code}, {label}."

            app.run_write(drop)

    app.push_screen(DraftsDialog(drafts), chosen)


def edit_progress(app: CchcApp, code: str, period_id: str | None = None) -> None:
    """Open the progress form for a task in a period (the one on screen by default)."""
    from cchc_tui.services.drafts import draft_for

    try:
        slot = resolve_slot(app.ws, app.agency_id or "", code, period_id or app.period_id)
    except ServiceError as exc:
        app.notify(
            visible(str(exc)), title="Không ghi được", severity="error", timeout=8, markup=False
        )
        return
    history = slot_history(app.ws, slot)
    baseline = raw_from_entry(history[-1].entry) if history else RawEntry()
    draft = draft_for(app.ws, slot)
    note = ""
    if draft is not None:
        note = f"Đang mở bản nháp tự lưu lúc {format_moment(draft.saved_at)} (chưa lưu thành lần báo cáo)."
    open_form(app, slot, draft.entry if draft else baseline, baseline, note=note)


def open_form(
    app: CchcApp,
    slot: Slot,
    initial: RawEntry,
    baseline: RawEntry,
    *,
    note: str = "",
    errors: dict[str, str] | None = None,
) -> None:
    """Push the form; what it returns is saved by `record_progress` in a worker."""
    from cchc_tui.screens.progress_form import FormContext, ProgressForm

    plan = catalog.load_plan(app.ws)
    context = FormContext(
        slot=slot,
        task=plan.task(slot.task_code),
        period_label=catalog.find_period(app.ws, slot.period_id).label,
        indicators=tuple(plan.indicators_for_task(slot.task_code)),
    )
    form = ProgressForm(context, initial, baseline, note=note, errors=errors)
    app.push_screen(form, partial(_form_closed, app, context, id(form), baseline))


def _form_closed(
    app: CchcApp, context, token: int, baseline: RawEntry, raw: RawEntry | None
) -> None:
    from cchc_tui.services.drafts import delete_draft

    app.closed_forms.add(token)
    slot = context.slot
    if raw is None:
        app.run_write(lambda: delete_draft(app.ws, slot), refresh=False)
        return
    if app.officer:
        _save(app, context, raw, baseline)
        return
    from cchc_tui.screens.dialogs import OfficerDialog

    def named(officer: tuple[str, str] | None) -> None:
        if officer is None:  # no name given: keep what was typed as a draft, nothing lost
            from cchc_tui.services.drafts import save_draft

            app.run_write(lambda: save_draft(app.ws, slot, raw), refresh=False)
            app.notify("Chưa lưu: cần họ tên người ghi. Nội dung đã giữ lại thành bản nháp.")
            return
        app.officer, app.officer_title = officer
        _save(app, context, raw, baseline, new_profile=True)

    app.push_screen(OfficerDialog(), named)


def _save(
    app: CchcApp, context, raw: RawEntry, baseline: RawEntry, *, new_profile: bool = False
) -> None:
    from cchc_tui.services.progress import record_progress
    from cchc_tui.services.settings import get_profile, save_profile

    slot, officer, title = context.slot, app.officer, app.officer_title

    def job() -> str:
        if new_profile and get_profile(app.ws) is None:
            save_profile(app.ws, slot.agency_id, officer, title)
        rev = record_progress(app.ws, slot, raw, officer)
        return f"Đã lưu lần {rev.number}: nhiệm vụ {slot.task_code}, {context.period_label}."

    def refused(exc: ServiceError) -> None:
        app.notify(visible(str(exc)), title="Chưa lưu", severity="error", timeout=8, markup=False)
        open_form(app, slot, raw, baseline, errors=exc.field_errors or {"status": str(exc)})

    app.run_write(job, on_error=refused)


def restore(app: CchcApp, slot: Slot, number: int) -> None:
    """Ask, then make revision `number` of the slot current again (as a new revision)."""
    from cchc_tui.screens.dialogs import ConfirmDialog
    from cchc_tui.services.progress import restore_revision

    def confirmed(yes: bool | None) -> None:
        if not yes:
            return
        officer = app.officer or "(không rõ)"

        def job() -> str:
            rev = restore_revision(app.ws, slot, number, officer)
            return f"Đã khôi phục lần {number} thành lần lưu mới {rev.number} ({slot.task_code})."

        app.run_write(job)

    question = (
        f"Khôi phục nội dung lần lưu {number} của nhiệm vụ {slot.task_code}, "
        f"{period_label(slot.period_id)}?\n"
        "Nội dung đó trở thành lần lưu mới nhất; các lần lưu khác vẫn được giữ nguyên."
    )
    app.push_screen(ConfirmDialog(question, yes="Khôi phục", no="Thôi"), confirmed)


def toggle_follow(app: CchcApp, code: str, followed: bool) -> None:
    """Follow a related task, or stop following it."""
    from cchc_tui.services.follow import follow_task, unfollow_task

    agency_id = app.agency_id or ""
    if followed:
        app.run_write(lambda: unfollow_task(app.ws, agency_id, code) and f"Đã bỏ theo dõi {code}.")
    else:
        app.run_write(lambda: follow_task(app.ws, agency_id, code) and f"Đang theo dõi {code}.")
