"""OpenAPI schema post-processing: the error answers every endpoint can give, documented once for all.

drf-spectacular documents each view's success response; the API also answers 400 (bad parameters or body),
401/403 (no or wrong token, not allowed), 404 (not in the user's units, a page past the end) and 429 (login
lockout), and schemathesis checks that every status code a client can receive is in the schema.
"""

from __future__ import annotations

from typing import Any

ERROR_SCHEMA = {
    "type": "object",
    "description": "Lỗi: `detail` là thông báo tiếng Việt; lỗi theo từng trường là danh sách thông báo của trường đó.",
    "properties": {"detail": {"type": "string"}},
    "additionalProperties": True,
}
ERROR_REF = {"$ref": "#/components/schemas/Error"}
DESCRIPTIONS = {
    "400": "Tham số hoặc dữ liệu gửi lên không hợp lệ (thông báo theo từng trường).",
    "401": "Chưa đăng nhập, hoặc mã truy cập (token) sai hay đã hết hạn.",
    "403": "Tài khoản không được làm việc này.",
    "404": "Không có, hoặc ngoài các đơn vị tài khoản được xem; trang vượt quá số trang.",
}


def _error(code: str) -> dict[str, Any]:
    return {"description": DESCRIPTIONS[code], "content": {"application/json": {"schema": ERROR_REF}}}


def error_responses(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    """POSTPROCESSING_HOOKS entry: add the shared error responses and bound `page` to 1 and above."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    for methods in result.get("paths", {}).values():
        for operation in methods.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            responses = operation["responses"]
            parameters = operation.get("parameters", [])
            if parameters or "requestBody" in operation:
                responses.setdefault("400", _error("400"))
            if operation.get("security") != [{}] and operation.get("security") != []:
                responses.setdefault("401", _error("401"))
                responses.setdefault("403", _error("403"))
                responses.setdefault("404", _error("404"))
            for parameter in parameters:
                if parameter.get("name") == "page" and parameter.get("in") == "query":
                    parameter.setdefault("schema", {})["minimum"] = 1
    return result
