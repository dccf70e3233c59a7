"""Help (F1 or ?): the keys of the screen it was opened from first, then every other screen's
keys, what each status and role means, and where the data lives.

Each entry is a row of a two-column grid, so a description that wraps keeps its indent.
"""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from cchc_tui.app import CchcApp
from cchc_tui.domain.progress import STATUS_LABELS
from cchc_tui.services.workspace import Workspace
from cchc_tui.widgets.key_footer import KeyFooter

Entries = list[tuple[str, str]]
KEY_WIDTH = 16
TOPICS: dict[str, tuple[str, Entries]] = {
    "all": (
        "Mọi màn hình",
        [
            ("F1 hoặc ?", "trợ giúp này: phím của màn hình đang mở ở đầu trang"),
            ("F2", "Tổng quan: kỳ báo cáo, hạn nộp, việc cần làm, chỉ tiêu"),
            ("F3", "Nhiệm vụ của tôi"),
            ("F4", "chọn kỳ báo cáo khác (xem hoặc ghi kỳ trước)"),
            ("F5", "Cài đặt: cơ quan, cán bộ, hạn nộp, sao lưu, giao diện sáng/tối"),
            ("F6", "Xuất gói báo cáo có chữ ký gửi Sở Nội vụ"),
            ("Ctrl+P", "bảng lệnh: gõ tên việc cần làm (không dấu cũng được)"),
            ("Tab / Shift+Tab", "sang ô tiếp theo / ô trước; ô đang nhập có nền sáng màu"),
            ("Ctrl+Q", "thoát (mọi lần lưu đã ghi vào máy; mẫu đang mở được giữ thành bản nháp)"),
            ("", "dòng phím cuối màn hình chỉ hiện những phím vừa chỗ; trang này liệt kê đủ"),
        ],
    ),
    "tasks": (
        "Danh sách nhiệm vụ (F3)",
        [
            ("↑↓, Enter", "chọn và mở nhiệm vụ"),
            ("e", "ghi tiến độ nhiệm vụ đang chọn"),
            (
                "h",
                "xếp theo hạn hoàn thành: việc đến hạn sớm nhất lên đầu; nhấn lại: thứ tự kế hoạch",
            ),
            ("/", "tìm theo mã hoặc nội dung; Enter hoặc Esc để về danh sách"),
            ("r", "lọc theo vai trò: của tôi, chủ trì, phối hợp, đang theo dõi, liên quan"),
            ("g", "lọc theo nhóm nhiệm vụ I đến VI"),
            ("s", "lọc theo trạng thái trong kỳ: chưa báo cáo, đang triển khai…"),
            ("k", "lọc theo thời hạn: năm, giai đoạn, hằng năm, thường xuyên…"),
            ("a", "hiện cả nhiệm vụ không có báo cáo trong kỳ"),
            ("c", "bỏ mọi bộ lọc"),
            ("f", "theo dõi / bỏ theo dõi nhiệm vụ 'các cơ quan liên quan'"),
            ("v rồi 1–9", "lưu bộ lọc vào một phím số; nhấn số đó để lọc lại"),
        ],
    ),
    "detail": (
        "Chi tiết nhiệm vụ",
        [
            ("↑↓", "chọn kỳ báo cáo"),
            ("Tab", "sang lịch sử lưu của kỳ, rồi sang nội dung lần lưu đang chọn"),
            ("Enter", "ở lịch sử lưu: xem đủ nội dung lần lưu (↑↓ để đọc tiếp)"),
            ("e", "ghi tiến độ kỳ đang chọn"),
            ("u", "khôi phục lần lưu đang chọn (thành lần lưu mới, không mất gì)"),
            ("f", "theo dõi / bỏ theo dõi nhiệm vụ 'các cơ quan liên quan'"),
            ("Esc", "quay lại"),
        ],
    ),
    "dashboard": (
        "Tổng quan (F2)",
        [
            ("↑↓, Enter", "chọn và mở một việc cần làm"),
            ("e", "ghi tiến độ việc đang chọn"),
            ("w", "tạo báo cáo Word của kỳ (thể thức Nghị định 30/2020), rồi mở nếu muốn"),
            ("t", "thư từ Sở Nội vụ: biên nhận, kế hoạch, danh mục cơ quan; nạp tệp của Sở"),
            ("g", "đánh dấu gói mới nhất của kỳ đã gửi qua thư điện tử (bấm lại: bỏ đánh dấu)"),
        ],
    ),
    "office": (
        "Sở Nội vụ — tổng hợp (F7)",
        [
            ("1 / 2 / 3", "tình hình nộp / tiến độ nhiệm vụ / chỉ tiêu"),
            ("[ / ]", "kỳ trước / kỳ sau"),
            ("p", "chọn kế hoạch: chỉ tính các gói báo cáo theo kế hoạch đó"),
            ("Enter", "mở gói báo cáo sau ô hoặc dòng đang chọn"),
            ("i", "nhận gói: gõ, dán hoặc chọn (F2) thư mục tệp đính kèm"),
            ("r", "tệp bị từ chối: lý do, cơ quan, kỳ; Enter xem đủ"),
            ("k", "khóa của các cơ quan: a thêm, o đổi khóa, x thu hồi"),
            ("l", "gửi các cơ quan: khóa của Sở; ký biên nhận, danh mục cơ quan, kế hoạch"),
            ("d", "ở gói rẽ nhánh: so sánh với gói đang dùng; u dùng, s gác lại"),
            ("g", "gác lại gói đang dùng (số thứ tự sai…); gói trước đó lại được dùng"),
            ("⚠", "rẽ nhánh, thiếu gói, tệp bị từ chối, hoặc gói hợp lệ nhưng đáng ngờ"),
            ("F5", "đọc lại dữ liệu"),
        ],
    ),
    "form": (
        "Mẫu ghi tiến độ",
        [
            ("←→↑↓", "ở ô Trạng thái: di chuyển đúng như bốn ô được vẽ; Enter hoặc Space chọn"),
            ("gõ số / chữ", "ở ô Trạng thái: số vào ô Tiến độ, chữ vào ô Kết quả (không bị mất)"),
            ("Ctrl+N", "thêm dòng văn bản chứng minh"),
            ("Xoá", "bỏ một văn bản (hỏi trước khi bỏ văn bản đã ghi)"),
            ("Ctrl+Z", "lấy lại văn bản vừa bỏ (trong ô chữ: hoàn tác chữ vừa gõ)"),
            ("Ctrl+S", "lưu thành một lần lưu mới"),
            ("Esc", "đóng (hỏi trước nếu có thay đổi chưa lưu)"),
            (
                "",
                "nội dung đang nhập được tự lưu nháp mỗi giây; khi chương trình gặp lỗi, "
                "mẫu đang mở được ghi thành bản nháp trước khi dừng",
            ),
        ],
    ),
    "period": (
        "Chọn kỳ báo cáo (F4)",
        [("↑↓, Enter", "chọn kỳ để xem hoặc ghi"), ("Esc", "thôi, giữ kỳ đang xem")],
    ),
    "settings": (
        "Cài đặt (F5)",
        [
            ("Ctrl+S", "lưu cài đặt"),
            ("Ctrl+B", "sao lưu dữ liệu ngay"),
            ("", "đổi cơ quan: gõ vài chữ của tên (có dấu hoặc không), ↑↓ chọn, Enter"),
            ("Esc", "quay lại"),
        ],
    ),
    "export": (
        "Xuất gói báo cáo (F6)",
        [
            ("", "xem trước: từng nhiệm vụ, trạng thái, việc chưa báo cáo, người ký"),
            ("Enter", "ở ô mật khẩu: ký, ghi tệp, đọc lại và kiểm tra chữ ký"),
            ("", "lần đầu: tạo khóa ký, gửi tệp đăng ký khóa cho Sở Nội vụ một lần"),
            ("", "không sửa gì thì xuất lại ra đúng tệp cũ; sửa rồi thì gói số mới"),
            ("", "quên mật khẩu: nút 'Quên mật khẩu / mất khóa…' tạo khóa mới"),
            ("", "gửi tệp xong: nút 'Đánh dấu đã gửi…' (ngày gửi, mặc định hôm nay)"),
            ("Esc", "quay lại"),
        ],
    ),
    "onboarding": (
        "Thiết lập lần đầu",
        [
            ("", "gõ vài chữ của tên cơ quan (có dấu hoặc không), ↑↓ chọn, Enter"),
            ("Enter", "sang ô tiếp theo"),
            ("Ctrl+S", "lưu và bắt đầu"),
        ],
    ),
}
STATUS_HELP = {
    "not_started": "chưa bắt đầu làm; tiến độ 0%",
    "in_progress": "đang làm; tiến độ từ 0 đến 99%",
    "done": "đã xong; tiến độ 100%",
    "not_applicable": "kỳ này không có việc phát sinh; tiến độ 0%",
}
DEADLINE_HELP = (
    (
        "Hạn nộp báo cáo",
        "ngày phải gửi gói báo cáo của kỳ cho Sở Nội vụ (ví dụ kỳ Năm 2025: 15/12/2025; "
        "đổi ngày trong Cài đặt, F5)",
    ),
    (
        "Hạn hoàn thành",
        "ngày nhiệm vụ phải làm xong theo kế hoạch (ví dụ năm 2025: 31/12/2025); "
        "'còn N ngày' / 'quá hạn N ngày' tính đến hạn này",
    ),
)
ROLE_HELP = (
    ("Chủ trì (CT)", "cơ quan được giao chủ trì: báo cáo đầy đủ kết quả"),
    ("Phối hợp (PH)", "cơ quan phối hợp: báo cáo phần việc của mình"),
    ("CT+PH", "vừa chủ trì vừa phối hợp (ví dụ được nêu trong 'các sở, ban, ngành')"),
    (
        "Liên quan",
        "chỉ được nêu là 'các cơ quan liên quan': không bắt buộc báo cáo, có thể theo dõi",
    ),
)


def key_table(entries: Entries, key_style: str = "bold") -> Table:
    """Keys and what they do in two columns: a wrapped description keeps its indent."""
    table = Table.grid(padding=(0, 1), expand=True)
    table.add_column(width=KEY_WIDTH, no_wrap=True)
    table.add_column(ratio=1)
    for key, text in entries:
        table.add_row(Text(f" {key}", style=key_style), Text(text))
    return table


class HelpScreen(Screen):
    """Keys, statuses, roles and the data folder, on one scrollable page."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", "Quay lại", id="help.back")]
    HELP_TOPIC = "all"

    app = getters.app(CchcApp)

    def __init__(self, ws: Workspace, topic: str | None = None) -> None:
        super().__init__()
        self.ws = ws
        if topic is None:  # the screen on top until now says which keys it has
            topic = getattr(self.app.screen, "HELP_TOPIC", None)
        self.topic = topic if topic in TOPICS else "all"
        """The screen the help was opened from: its keys come first."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Static(id="help-text")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, self._draw)
        self._draw()
        self.query_one("#help-body").focus()

    def _draw(self, *_: object) -> None:
        self.query_one("#help-text", Static).update(self.renderable())

    def renderable(self) -> RenderableType:
        """The whole page, coloured with the current theme."""
        accent = f"bold {self.app.theme_variables.get('text-accent', '')}".strip()
        parts: list[RenderableType] = [
            Text(
                f"Trợ giúp — Theo dõi, báo cáo {self.app.title.removeprefix('CCHC — ')}",
                style="bold",
            )
        ]
        order = [self.topic, *(t for t in TOPICS if t != self.topic)]
        for name in order:
            title, entries = TOPICS[name]
            if name == self.topic and name != "all":
                title = f"Phím của màn hình này — {title}"
            parts += [Text(""), Text(title, style=accent), key_table(entries)]
        statuses = [(STATUS_LABELS[s], text) for s, text in STATUS_HELP.items()]
        statuses.append(("chưa báo cáo", "kỳ này chưa lưu lần nào"))
        ws = self.ws
        parts += [
            Text(""),
            Text("Trạng thái", style=accent),
            key_table(statuses),
            Text(""),
            Text("Hai loại hạn", style=accent),
            key_table(list(DEADLINE_HELP)),
            Text(""),
            Text("Vai trò của cơ quan tôi", style=accent),
            key_table(list(ROLE_HELP)),
            Text(""),
            Text("Dữ liệu", style=accent),
            key_table(
                [
                    ("Thư mục", str(ws.data_dir)),
                    ("Cơ sở dữ liệu", str(ws.db.path)),
                    ("Bản sao lưu", f"{ws.data_dir / 'backups'} (tạo trong Cài đặt, F5)"),
                    ("", "mỗi lần lưu được giữ lại; khôi phục lần cũ tạo một lần lưu mới"),
                ]
            ),
        ]
        return Group(*parts)

    def action_back(self) -> None:
        self.dismiss()
