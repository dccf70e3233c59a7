"""The bundle body (schema version 1): built from plain values, validated, canonical.

`validate_body` is the single definition of the schema: `build_body` runs it before
signing and the verifier runs it on every received body. docs/bundle.md lists the fields.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from nacl.signing import SigningKey

from cchc_tui.domain.bundle.canonical import CanonicalError, canonical_bytes
from cchc_tui.domain.bundle.envelope import KEY_ID_RE, PAYLOAD_BUNDLE, seal
from cchc_tui.domain.bundle.errors import BodyError
from cchc_tui.domain.clock import parse_moment

SCHEMA_VERSION = 1
KIND_SNAPSHOT = "snapshot"
ZERO_SHA256 = "0" * 64
MAX_PROGRESS_BP = 10_000
ROLES = ("lead", "partner", "related")
STATUSES = ("not_started", "in_progress", "done", "not_applicable", "not_reported")
PERIOD_RE = re.compile(r"[0-9]{4}-(Q1|H1|Q3|Y)")
TASK_RE = re.compile(r"[IVX]+\.[1-9][0-9]?")
SHA256_RE = re.compile(r"[0-9a-f]{64}")
DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

BODY_KEYS = frozenset(
    [
        "schema_version",
        "kind",
        "plan",
        "agency_id",
        "period",
        "seq",
        "prev_sha256",
        "key_id",
        "created_at",
        "app_version",
        "signer",
        "records",
    ]
)
RECORD_KEYS = frozenset(
    [
        "task",
        "roles",
        "status",
        "progress_bp",
        "result",
        "difficulties",
        "proposals",
        "evidence",
        "indicators",
        "revision",
    ]
)


def _need(cond: bool, where: str, what: str) -> None:
    if not cond:
        raise BodyError(f"{where}: {what}")


def _is_int(value: Any) -> bool:
    return type(value) is int


def _obj(value: Any, keys: set[str] | frozenset[str], where: str) -> dict:
    _need(isinstance(value, dict), where, "phải là đối tượng")
    missing, extra = sorted(set(keys) - set(value)), sorted(set(value) - set(keys))
    _need(not missing, where, f"thiếu trường {', '.join(missing)}")
    _need(not extra, where, f"trường lạ {', '.join(extra)}")
    return value


def _str(obj: dict, key: str, where: str, *, empty: bool = True) -> str:
    value = obj[key]
    _need(isinstance(value, str), f"{where}.{key}", "phải là chuỗi")
    _need(empty or value != "", f"{where}.{key}", "không được để trống")
    return value


def _moment(text: str, where: str) -> None:
    _need(parse_moment(text) is not None, where, "phải là ISO 8601 có múi giờ")


def _record(raw: Any, where: str) -> None:
    rec = _obj(raw, RECORD_KEYS, where)
    _need(TASK_RE.fullmatch(_str(rec, "task", where)) is not None, f"{where}.task", "mã nhiệm vụ")
    roles = rec["roles"]
    _need(isinstance(roles, list) and all(r in ROLES for r in roles), f"{where}.roles", "vai trò")
    _need(len(set(roles)) == len(roles), f"{where}.roles", "vai trò lặp lại")
    _need(rec["status"] in STATUSES, f"{where}.status", "trạng thái")
    bp = rec["progress_bp"]
    _need(_is_int(bp) and 0 <= bp <= MAX_PROGRESS_BP, f"{where}.progress_bp", "0..10000")
    for key in ("result", "difficulties", "proposals"):
        _str(rec, key, where)
    _need(isinstance(rec["evidence"], list), f"{where}.evidence", "phải là danh sách")
    for i, doc in enumerate(rec["evidence"]):
        here = f"{where}.evidence[{i}]"
        _obj(doc, {"number", "date", "summary"}, here)
        _str(doc, "number", here, empty=False)
        _str(doc, "summary", here)
        date = _str(doc, "date", here)
        try:
            ok = DATE_RE.fullmatch(date) is not None and bool(dt.date.fromisoformat(date))
        except ValueError:
            ok = False
        _need(ok, f"{here}.date", "phải là ngày YYYY-MM-DD")
    _need(isinstance(rec["indicators"], list), f"{where}.indicators", "phải là danh sách")
    for i, value in enumerate(rec["indicators"]):
        here = f"{where}.indicators[{i}]"
        _obj(value, {"id", "numerator", "denominator"}, here)
        _str(value, "id", here, empty=False)
        num, den = value["numerator"], value["denominator"]
        _need(_is_int(num) and num >= 0, f"{here}.numerator", "số nguyên ≥ 0")
        _need(_is_int(den) and den >= 1, f"{here}.denominator", "số nguyên ≥ 1")
        # a count ("150 hồ sơ") travels as numerator over 1; a ratio keeps num ≤ den
        _need(num <= den or den == 1, here, "tử số lớn hơn mẫu số")
    rev = _obj(rec["revision"], {"number", "at", "by"}, f"{where}.revision")
    _need(_is_int(rev["number"]) and rev["number"] >= 0, f"{where}.revision.number", "≥ 0")
    at = _str(rev, "at", f"{where}.revision")
    _str(rev, "by", f"{where}.revision")
    if rev["number"] == 0:
        _need(at == "" and rec["status"] == "not_reported", f"{where}.revision", "chưa lưu lần nào")
    else:
        _moment(at, f"{where}.revision.at")


def validate_body(body: Any) -> None:
    """Raise BodyError (naming the field) unless `body` is a valid version-1 bundle body."""
    _obj(body, BODY_KEYS, "body")
    _need(_is_int(body["schema_version"]), "schema_version", "phải là số nguyên")
    _need(body["schema_version"] == SCHEMA_VERSION, "schema_version", "chỉ hỗ trợ phiên bản 1")
    _need(body["kind"] == KIND_SNAPSHOT, "kind", "phải là 'snapshot'")
    plan = _obj(body["plan"], {"id", "version"}, "plan")
    _str(plan, "id", "plan", empty=False)
    _str(plan, "version", "plan", empty=False)
    _str(body, "agency_id", "body", empty=False)
    _need(PERIOD_RE.fullmatch(_str(body, "period", "body")) is not None, "period", "dạng 2025-Q1")
    seq = body["seq"]
    _need(_is_int(seq) and seq >= 1, "seq", "số nguyên ≥ 1")
    prev = _str(body, "prev_sha256", "body")
    _need(SHA256_RE.fullmatch(prev) is not None, "prev_sha256", "64 chữ số hex thường")
    _need((prev == ZERO_SHA256) == (seq == 1), "prev_sha256", "64 số 0 khi và chỉ khi seq = 1")
    _need(KEY_ID_RE.fullmatch(_str(body, "key_id", "body")) is not None, "key_id", "sha256:…")
    _moment(_str(body, "created_at", "body"), "created_at")
    _str(body, "app_version", "body", empty=False)
    signer = _obj(body["signer"], {"officer", "title"}, "signer")
    _str(signer, "officer", "signer")
    _str(signer, "title", "signer")
    records = body["records"]
    _need(isinstance(records, list), "records", "phải là danh sách")
    for i, record in enumerate(records):
        _record(record, f"records[{i}]")
    tasks = [r["task"] for r in records]
    _need(len(set(tasks)) == len(tasks), "records", "một nhiệm vụ xuất hiện hai lần")


def build_body(
    *,
    plan_id: str,
    plan_version: str,
    agency_id: str,
    period: str,
    seq: int,
    prev_sha256: str,
    key_id: str,
    created_at: str,
    app_version: str,
    signer: dict,
    records: list[dict],
) -> bytes:
    """Canonical body bytes of a snapshot; BodyError/CanonicalError (ValueError) if invalid.

    Strings must already be NFC: normalising is the typer's job, and a non-NFC string
    here fails loudly rather than being changed silently.
    """
    body = {
        "schema_version": SCHEMA_VERSION,
        "kind": KIND_SNAPSHOT,
        "plan": {"id": plan_id, "version": plan_version},
        "agency_id": agency_id,
        "period": period,
        "seq": seq,
        "prev_sha256": prev_sha256,
        "key_id": key_id,
        "created_at": created_at,
        "app_version": app_version,
        "signer": signer,
        "records": records,
    }
    validate_body(body)
    return canonical_bytes(body)


def sign_bundle(body: bytes, signing_key: SigningKey) -> bytes:
    """The bundle file bytes: `body` sealed with PAYLOAD_BUNDLE and one signature."""
    return seal(PAYLOAD_BUNDLE, body, [signing_key])


__all__ = ["CanonicalError", "build_body", "sign_bundle", "validate_body"]
