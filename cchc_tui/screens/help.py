"""Help (F1 or ?): the keys, what each status and role means, where the data lives."""

from __future__ import annotations

from typing import ClassVar

from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from cchc_tui.app import CchcApp
from cchc_tui.domain.progress import STATUS_LABELS
from cchc_tui.services.workspace import Workspace

KEYS = (
    (
        "Mọi màn hình",
        [
            ("F1 hoặc ?", "trợ giúp này"),
            ("F2", "Tổng quan: kỳ báo cáo, hạn nộp, việc cần làm, chỉ tiêu"),
            ("F3", "Nhiệm vụ của tôi"),
            ("F4", "chọn kỳ báo cáo khác (xem hoặc ghi kỳ trước)"),
            ("F5", "Cài đặt: cơ quan, cán bộ, hạn nộp, sao lưu"),
            ("F6", "Xuất gói báo cáo có chữ ký gửi Sở Nội vụ"),
            ("Ctrl+P", "bảng lệnh: gõ tên việc cần làm (không dấu cũng được)"),
            ("Tab / Shift+Tab", "sang ô tiếp theo / ô trước"),
            ("Ctrl+Q", "thoát (mọi lần lưu đã ghi vào máy)"),
        ],
    ),
    (
        "Danh sách nhiệm vụ",
        [
            ("↑↓, Enter", "chọn và mở nhiệm vụ"),
            ("e", "ghi tiến độ nhiệm vụ đang chọn"),
            ("/", "tìm theo mã hoặc nội dung; Enter hoặc Esc để về danh sách"),
            ("r, g, s, k", "lọc theo vai trò, nhóm I–VI, trạng thái, thời hạn"),
            ("a", "hiện cả nhiệm vụ không có báo cáo trong kỳ"),
            ("c", "bỏ mọi bộ lọc"),
            ("f", "theo dõi / bỏ theo dõi nhiệm vụ 'các cơ quan liên quan'"),
            ("v rồi 1–9", "lưu bộ lọc vào một phím số; nhấn số đó để lọc lại"),
        ],
    ),
    (
        "Chi tiết nhiệm vụ",
        [
            ("↑↓", "chọn kỳ báo cáo; Tab sang lịch sử lưu"),
            ("e", "ghi tiến độ kỳ đang chọn"),
            ("u", "khôi phục lần lưu đang chọn (thành lần lưu mới, không mất gì)"),
            ("Esc", "quay lại"),
        ],
    ),
    (
        "Mẫu ghi tiến độ",
        [
            ("Ctrl+S", "lưu thành một lần lưu mới"),
            ("Ctrl+N", "thêm dòng văn bản chứng minh"),
            ("Esc", "đóng (hỏi trước nếu có thay đổi chưa lưu)"),
            ("", "nội dung đang nhập được tự lưu nháp vài giây một lần"),
        ],
    ),
    (
        "Xuất gói báo cáo (F6)",
        [
            ("", "xem trước: từng nhiệm vụ, trạng thái, việc chưa báo cáo, người ký"),
            ("Enter", "ở ô mật khẩu: ký, ghi tệp, đọc lại và kiểm tra chữ ký"),
            ("", "lần đầu: tạo khóa ký, gửi tệp đăng ký khóa cho Sở Nội vụ một lần"),
            ("", "không sửa gì thì xuất lại ra đúng tệp cũ; sửa rồi thì gói số mới"),
            ("", "quên mật khẩu: nút 'Quên mật khẩu / mất khóa…' tạo khóa mới"),
        ],
    ),
)
STATUS_HELP = {
    "not_started": "chưa bắt đầu làm; tiến độ 0%",
    "in_progress": "đang làm; tiến độ từ 0 đến 99%",
    "done": "đã xong; tiến độ 100%",
    "not_applicable": "kỳ này không có việc phát sinh; tiến độ 0%",
}
ROLE_HELP = (
    ("Chủ trì (CT)", "cơ quan được giao chủ trì: báo cáo đầy đủ kết quả"),
    ("Phối hợp (PH)", "cơ quan phối hợp: báo cáo phần việc của mình"),
    ("CT+PH", "vừa chủ trì vừa phối hợp (ví dụ được nêu trong 'các sở, ban, ngành')"),
    (
        "Liên quan",
        "chỉ được nêu là 'các cơ quan liên quan': không bắt buộc báo cáo, có thể theo dõi",
    ),
)


class HelpScreen(Screen):
    """Keys, statuses, roles and the data folder, on one scrollable page."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", "Quay lại", id="help.back")]

    app = getters.app(CchcApp)

    def __init__(self, ws: Workspace) -> None:
        super().__init__()
        self.ws = ws

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Static(self._text())
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def _text(self) -> Content:
        lines: list[Content] = [
            Content.styled("Trợ giúp — Theo dõi, báo cáo Kế hoạch 56/KH-UBND", "bold")
        ]
        for section, keys in KEYS:
            lines += [Content(""), Content.styled(section, "bold $text-accent")]
            lines += [
                Content.assemble(Content.styled(f"  {k:<16}", "bold"), text) for k, text in keys
            ]
        lines += [Content(""), Content.styled("Trạng thái", "bold $text-accent")]
        lines += [
            Content.assemble(Content.styled(f"  {STATUS_LABELS[s]:<16}", "bold"), text)
            for s, text in STATUS_HELP.items()
        ]
        lines.append(
            Content.assemble(
                Content.styled(f"  {'chưa báo cáo':<16}", "bold"), "kỳ này chưa lưu lần nào"
            )
        )
        lines += [Content(""), Content.styled("Vai trò của cơ quan tôi", "bold $text-accent")]
        lines += [Content.assemble(Content.styled(f"  {r:<16}", "bold"), t) for r, t in ROLE_HELP]
        ws = self.ws
        lines += [
            Content(""),
            Content.styled("Dữ liệu", "bold $text-accent"),
            Content(f"  Thư mục dữ liệu: {ws.data_dir}"),
            Content(f"  Cơ sở dữ liệu:   {ws.db.path}"),
            Content(f"  Bản sao lưu:     {ws.data_dir / 'backups'} (tạo trong Cài đặt, F5)"),
            Content("  Mỗi lần lưu được giữ lại; khôi phục lần cũ tạo một lần lưu mới."),
        ]
        return Content("\n").join(lines)

    def action_back(self) -> None:
        self.dismiss()
