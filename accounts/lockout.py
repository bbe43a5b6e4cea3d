"""What a locked-out login sees (django-axes' AXES_LOCKOUT_CALLABLE), and which address a request comes from."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

LOCKOUT_STATUS = 429


def lockout_message() -> str:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return _(
        "Đã nhập sai mật khẩu quá %(limit)d lần: tài khoản hoặc địa chỉ này tạm bị khóa đăng nhập. "
        "Hãy thử lại sau %(minutes)d phút, hoặc đặt lại mật khẩu qua e-mail."
    ) % {"limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes}


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict | None = None
) -> HttpResponse:
    """JSON `{"detail": ...}` for the API (as DRF answers), the Vietnamese lockout page otherwise; both 429."""
    message = lockout_message()
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=LOCKOUT_STATUS)
    return render(request, "registration/lockout.html", {"message": message}, status=LOCKOUT_STATUS)


def client_ip(request: Any) -> str | None:
    """The client's address: REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT proxies the address the first of them saw
    (never a value the client itself wrote into X-Forwarded-For)."""
    meta = getattr(request, "META", {})
    count = settings.TRUSTED_PROXY_COUNT
    if count > 0:
        chain = [part.strip() for part in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(chain) >= count:
            return chain[-count]
    return meta.get("REMOTE_ADDR")
