"""The only resources WeasyPrint may read while laying out a report: the app's own fonts and static files.

Report text is escaped, so a user cannot write a tag; this is the second wall. Without it a stylesheet or an image
address in a template (or a future template bug) could make the worker read any local file or call any server.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from django.conf import settings
from weasyprint.urls import URLFetcher


def allowed_roots() -> list[Path]:
    """static/ (the bundled fonts live in static/fonts/), every STATICFILES_DIRS entry and STATIC_ROOT."""
    roots = [settings.BASE_DIR / "static", *map(Path, settings.STATICFILES_DIRS)]
    if settings.STATIC_ROOT:
        roots.append(Path(settings.STATIC_ROOT))
    return [root.resolve() for root in roots]


class AppFilesFetcher(URLFetcher):
    """file: URLs inside the static roots, and data: URLs (inline images); anything else is refused."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False, fail_on_errors=False)

    def fetch(self, url: str, headers=None):
        scheme = url.split(":", 1)[0].lower()
        if scheme == "file":
            path = Path(url2pathname(urlsplit(url).path)).resolve()
            if not any(path.is_relative_to(root) for root in allowed_roots()):
                raise ValueError(f"Báo cáo chỉ được dùng phông chữ và tệp tĩnh của ứng dụng, không đọc {url}")
        elif scheme != "data":
            raise ValueError(f"Báo cáo không tải tài nguyên bên ngoài: {url}")
        return super().fetch(url, headers)
