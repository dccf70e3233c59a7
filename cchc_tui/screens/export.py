"""Export (Xuất gói báo cáo): the place in the navigation for the signed-bundle feature.

The signed-bundle issue fills this screen in; until then it says what will be here.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from cchc_tui.widgets.context_bar import ContextBar


class ExportScreen(Screen):
    """Export a period's report as a signed bundle for the receiving office."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Quay lại", id="export.back")
    ]

    def compose(self) -> ComposeResult:
        yield ContextBar(id="context")
        with VerticalScroll(id="export-body"):
            yield Static(
                "Xuất gói báo cáo\n\n"
                "Tại đây sẽ xuất báo cáo của kỳ đang chọn thành một gói có chữ ký số, "
                "để gửi cơ quan tổng hợp (Sở Nội vụ).\n\n"
                "Chức năng này đi cùng bản cập nhật \u201cgói báo cáo ký số\u201d. "
                "Trong lúc chờ, mọi lần lưu tiến độ vẫn được giữ đầy đủ trong máy.",
                markup=False,
            )
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(ContextBar).show("Xuất gói báo cáo", self.app.context())  # type: ignore[attr-defined]

    def action_back(self) -> None:
        self.dismiss()
