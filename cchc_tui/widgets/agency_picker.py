"""Choose an agency by typing part of its name, with or without diacritics."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from cchc_tui.domain.agencies import KIND_LABELS, Agency
from cchc_tui.domain.progress import format_day


class AgencyPicker(Vertical):
    """A search box over a list of agencies; Enter (or a click) chooses the highlighted one."""

    DEFAULT_CSS = """
    AgencyPicker { height: auto; }
    AgencyPicker > Input { background: $boost; margin-bottom: 1; }
    AgencyPicker > OptionList { height: 8; }
    """

    class Chosen(Message):
        """The officer chose an agency."""

        def __init__(self, picker: AgencyPicker, agency: Agency) -> None:
            super().__init__()
            self.picker = picker
            self.agency = agency

        @property
        def control(self) -> AgencyPicker:
            return self.picker

    def __init__(
        self,
        agencies: list[Agency],
        search: Callable[[str], list[Agency]],
        today: dt.date,
        *,
        selected: str | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self._all = agencies
        self._search = search
        self._today = today
        self._shown: list[Agency] = []
        self.selected = selected

    def compose(self) -> ComposeResult:
        yield Input(
            placeholder="Gõ tên cơ quan, ví dụ: noi vu, dai phat thanh",
            compact=True,
            id="agency-search",
        )
        yield OptionList(id="agency-list")

    def on_mount(self) -> None:
        self._fill(self._all)

    def _label(self, agency: Agency) -> str:
        text = f"{agency.name}  ({KIND_LABELS.get(agency.kind, agency.kind)})"
        if agency.valid_to and agency.valid_to < self._today:
            text += f" — đã kết thúc {format_day(agency.valid_to)}"
        return text

    def _fill(self, agencies: list[Agency]) -> None:
        current = [a for a in agencies if a.exists_on(self._today)]
        ended = [a for a in agencies if not a.exists_on(self._today)]
        self._shown = current + ended
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options([Option(self._label(a), id=a.id) for a in self._shown])
        if self._shown:
            ids = [a.id for a in self._shown]
            options.highlighted = ids.index(self.selected) if self.selected in ids else 0

    @on(Input.Changed, "#agency-search")
    def _search_changed(self, event: Input.Changed) -> None:
        text = event.value.strip()
        self._fill(self._search(text) if text else self._all)

    def on_key(self, event: events.Key) -> None:
        """Up/Down move in the list while typing in the search box."""
        options = self.query_one(OptionList)
        if self.query_one(Input).has_focus and event.key in ("down", "up"):
            event.stop()
            event.prevent_default()
            if event.key == "down":
                options.action_cursor_down()
            else:
                options.action_cursor_up()

    @on(Input.Submitted, "#agency-search")
    def _submit_search(self, event: Input.Submitted) -> None:
        event.stop()
        options = self.query_one(OptionList)
        if options.highlighted is not None and self._shown:
            self._choose(self._shown[options.highlighted])

    @on(OptionList.OptionSelected, "#agency-list")
    def _option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(self._shown[event.option_index])

    def _choose(self, agency: Agency) -> None:
        self.selected = agency.id
        self.post_message(self.Chosen(self, agency))
