"""What the export screen says when it signs and writes: a wrong passphrase, the result."""

from __future__ import annotations

from textual.content import Content

from cchc_tui.services.export import ExportResult

WRONG_PASSPHRASE = (
    "Sai mật khẩu khóa ký: chưa ký, chưa ghi gì; tệp khóa không thay đổi. Hãy nhập lại "
    "(chú ý bộ gõ tiếng Việt và phím Caps Lock). Nếu đã quên: nút \u201cQuên mật khẩu / "
    "mất khóa…\u201d."
)


def exported(result: ExportResult) -> Content:
    """The bundle is written and verified: which file(s) to email, then mark it sent."""
    head = (
        f"Không có thay đổi từ lần xuất trước: đã ghi lại đúng gói số {result.seq}."
        if result.replayed
        else f"Đã ký và xuất gói số {result.seq}; đã đọc lại và kiểm tra chữ ký."
    )
    return Content.assemble(
        Content.styled(head, "bold $text-success"),
        f"\nTệp: {result.path}\n"
        + (
            f"Đã ghi cả gói trước chưa ghi được lần trước: {result.earlier}\n"
            "Gửi cả hai tệp qua thư điện tử cho Sở Nội vụ."
            if result.earlier
            else "Gửi tệp này qua thư điện tử cho Sở Nội vụ."
        )
        + f" Vân tay khóa: {result.fingerprint}.\n"
        "Gửi xong, bấm nút dưới đây (Enter) để đánh dấu đã gửi.",
    )
