"""Why a bundle, key file or key document is refused: a stable code and a sentence a clerk can act on."""

from __future__ import annotations

_RESEND = "Đề nghị cơ quan gửi lại tệp gốc do phần mềm xuất ra, không mở sửa hay lưu lại tệp."

REASONS: dict[str, str] = {
    "too_large": "Tệp quá lớn, không phải gói báo cáo hợp lệ. " + _RESEND,
    "bad_utf8": "Tệp không phải văn bản UTF-8 hợp lệ (có thể đã bị sửa hoặc hỏng khi gửi). "
    + _RESEND,
    "bad_json": "Tệp không đúng định dạng JSON của gói báo cáo (có thể bị cắt cụt hoặc hỏng). "
    + _RESEND,
    "duplicate_key": "Tệp có một trường bị lặp lại hai lần, dấu hiệu tệp đã bị chỉnh sửa. "
    + _RESEND,
    "bad_number": "Tệp có giá trị số không được phép (số thực, NaN, Infinity hoặc số quá lớn). "
    + _RESEND,
    "too_deep": "Tệp có cấu trúc lồng nhau quá sâu, không phải gói báo cáo hợp lệ. " + _RESEND,
    "bad_base64": "Phần dữ liệu mã hóa base64 của tệp không chuẩn (có thể bị sửa hoặc hỏng). "
    + _RESEND,
    "bad_envelope": "Tệp không có đúng các trường của gói đã ký (payloadType, payload, "
    "signatures). " + _RESEND,
    "not_a_file": "Không phải tệp thông thường (ống dẫn, thiết bị…): không đọc. Hãy chọn đúng "
    "tệp .json.",
    "wrong_type": "Tệp không phải loại tài liệu được yêu cầu. Hãy kiểm tra lại đã chọn đúng tệp.",
    "unknown_key": "Tệp được ký bằng một khóa chưa đăng ký với Sở. Đề nghị cơ quan gửi tệp "
    "đăng ký khóa (cchc keys enrol) qua đường công văn, rồi gửi lại gói.",
    "bad_signature": "Tệp không phải gói báo cáo hợp lệ: chữ ký không khớp với khóa của cơ quan. "
    + _RESEND,
    "bad_body": "Nội dung gói không đúng cấu trúc của gói báo cáo phiên bản 1. "
    "Đề nghị cơ quan cập nhật phần mềm và xuất lại.",
    "not_canonical": "Nội dung đã ký không ở dạng chuẩn (RFC 8785) mà hợp đồng trao đổi yêu cầu. "
    "Đề nghị cơ quan xuất lại bằng phần mềm chính thức.",
    "key_mismatch": "Mã khóa ghi trong nội dung gói khác với khóa đã ký gói. " + _RESEND,
    "agency_mismatch": "Gói ghi là của một cơ quan nhưng được ký bằng khóa đã đăng ký cho cơ quan "
    "khác. Không nhận; liên hệ cơ quan gửi để kiểm tra.",
    "small_order_key": "Khóa công khai trong tệp không hợp lệ (khóa yếu, ai cũng giả mạo được "
    "chữ ký). Không đăng ký; đề nghị cơ quan tạo khóa mới bằng phần mềm chính thức.",
    "bad_key_file": "Tệp khóa ký bị hỏng hoặc không đúng định dạng. Nếu không khôi phục được, "
    "tạo khóa mới (cchc keys init --replace-lost) và gửi lại tệp đăng ký khóa cho Sở.",
    "wrong_passphrase": "Sai mật khẩu khóa ký: tệp khóa không thay đổi. Hãy nhập lại mật khẩu; "
    "nếu đã quên, tạo khóa mới (cchc keys init --replace-lost) và đăng ký lại với Sở.",
}


class BundleError(Exception):
    """A refusal: `code` is a stable ASCII id, `reason` one Vietnamese sentence for the clerk."""

    def __init__(self, code: str, reason: str | None = None) -> None:
        self.code = code
        self.reason = reason or REASONS.get(code) or REASONS["bad_json"]
        super().__init__(f"{code}: {self.reason}")


class BodyError(ValueError):
    """A body (or key document) value that breaks the schema; the text names the field."""
