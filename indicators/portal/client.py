"""Asking the national portal: one POST at a time, a polite delay with jitter between requests, a few retries on
network errors and 5xx, and an immediate stop on 403, 429 or an HTML page ("request rejected")."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import Any

import requests
from django.conf import settings

from indicators.portal.constants import API_PATH


class PortalRefused(Exception):
    """The portal refused or answered something other than its JSON; fetching stops at once. Vietnamese message."""


class PortalClient:
    """A polite client: `delay` seconds (+ up to `jitter`) before every request after the first."""

    def __init__(
        self,
        *,
        base_url: str | None = None,
        delay: float | None = None,
        jitter: float | None = None,
        retries: int | None = None,
        timeout: float | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.base_url = (base_url or settings.PORTAL_BASE_URL).rstrip("/")
        self.delay = settings.PORTAL_REQUEST_DELAY if delay is None else delay
        self.jitter = settings.PORTAL_REQUEST_JITTER if jitter is None else jitter
        self.retries = settings.PORTAL_RETRIES if retries is None else retries
        self.timeout = settings.PORTAL_TIMEOUT if timeout is None else timeout
        self.sleep = sleep
        self.session = requests.Session()
        self.session.headers.update(
            {"Accept": "application/json", "User-Agent": "Scorecard766/1.0 (theo doi Bo chi so 766)"}
        )
        self.requests_sent = 0

    def _pause(self) -> None:
        if self.requests_sent:
            self.sleep(self.delay + random.uniform(0, self.jitter))  # noqa: S311 - jitter, not secrecy

    def post(self, endpoint: str, body: dict[str, Any]) -> bytes:
        """The raw bytes of the portal's JSON answer to one endpoint and body."""
        url = f"{self.base_url}{API_PATH}{endpoint}"
        for attempt in range(self.retries + 1):
            self._pause()
            self.requests_sent += 1
            try:
                response = self.session.post(url, json=body, timeout=self.timeout)
            except requests.RequestException as exc:
                if attempt < self.retries:
                    continue
                raise PortalRefused(f"Không kết nối được Cổng DVCQG ({endpoint}): {exc.__class__.__name__}.") from None
            if response.status_code in (403, 429):
                what = "từ chối truy cập (403)" if response.status_code == 403 else "yêu cầu chậm lại (429)"
                raise PortalRefused(f"Cổng DVCQG {what} khi hỏi {endpoint}; đã dừng, không hỏi tiếp.")
            if response.status_code >= 500 and attempt < self.retries:
                continue
            kind = response.headers.get("Content-Type", "")
            content = response.content
            if "json" not in kind or content.lstrip()[:1] not in (b"{", b"["):
                raise PortalRefused(
                    f"Cổng DVCQG trả về trang không phải dữ liệu JSON khi hỏi {endpoint} (HTTP {response.status_code}, "
                    "có thể là “request rejected”); đã dừng."
                )
            if response.status_code not in (200, 201):
                raise PortalRefused(f"Cổng DVCQG trả lỗi HTTP {response.status_code} khi hỏi {endpoint}; đã dừng.")
            return content
        raise PortalRefused(f"Cổng DVCQG không trả lời {endpoint} sau {self.retries + 1} lần thử.")
