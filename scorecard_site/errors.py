"""Error pages in Vietnamese with the site's navigation, and a 500 page that says whether the action was saved.

`WriteTrackingMiddleware` watches the request's SQL: each write registers an on-commit callback, which runs only if
the write's transaction commits, so the 500 page can tell "đã lưu" (committed, only the page after it failed) from
"chưa lưu" (rolled back) and from a request that wrote nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader
from django.views import defaults

logger = logging.getLogger(__name__)
WRITES = ("insert", "update", "delete")


class WriteState:
    """What the request did to the database: nothing, writes not (yet) committed, or committed writes."""

    def __init__(self) -> None:
        self.wrote = False
        self.saved = False

    def mark_saved(self) -> None:
        self.saved = True


class WriteTrackingMiddleware:
    """Records on the request whether it wrote and whether a write was committed (see the module docstring)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        state = request.write_state = WriteState()

        def watch(execute, sql, params, many, context):
            if not state.saved and isinstance(sql, str) and sql.lstrip()[:6].lower() in WRITES:
                state.wrote = True
                transaction.on_commit(state.mark_saved, using=context["connection"].alias)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(watch):
            return self.get_response(request)


def saved_message(request: HttpRequest | None) -> str:
    state = getattr(request, "write_state", None)
    if state is None:
        return ""
    if state.saved:
        return (
            "Thao tác của bạn ĐÃ ĐƯỢC LƯU; chỉ trang hiển thị sau đó bị lỗi. "
            "Đừng gửi lại: hãy mở lại trang để xem kết quả."
        )
    if state.wrote or request.method == "POST":
        return "Thao tác của bạn CHƯA ĐƯỢC LƯU: không có gì bị thay đổi. Hãy thử lại sau ít phút."
    return "Không có dữ liệu nào bị thay đổi."


def _is_api(request: HttpRequest | None) -> bool:
    return request is not None and request.path.startswith("/api/")


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler404: JSON under /api/ (an API client never gets an HTML page), the Vietnamese 404 page elsewhere."""
    if _is_api(request):
        return JsonResponse({"detail": "Không tìm thấy."}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest, template_name: str = "500.html") -> HttpResponse:
    """handler500: the 500 page with the navigation when the page machinery still works, plain text otherwise."""
    context: dict[str, Any] = {"saved_message": saved_message(request)}
    if _is_api(request):
        return JsonResponse({"detail": f"Lỗi máy chủ. {context['saved_message']}".strip()}, status=500)
    try:
        return HttpResponseServerError(loader.get_template(template_name).render(context, request))
    except Exception:  # the database or a context processor may be what failed: retry without the request
        logger.exception("Rendering the 500 page with the request failed")
    try:
        return HttpResponseServerError(loader.get_template(template_name).render(context))
    except Exception:
        logger.exception("Rendering the 500 page failed")
    return HttpResponseServerError(
        f"Lỗi máy chủ. {context['saved_message']}".encode(), content_type="text/plain; charset=utf-8"
    )
