"""WeasyPrint reads only the app's fonts and static files: no other local file, no server."""

from __future__ import annotations

import pytest
from django.conf import settings

from reports.fetcher import AppFilesFetcher
from reports.pdf import html_to_pdf


def test_the_bundled_fonts_are_served():
    font = settings.BASE_DIR / "static" / "fonts" / "LiberationSerif-Regular.ttf"
    response = AppFilesFetcher()(font.as_uri())
    assert response.read(4) == font.read_bytes()[:4]
    response.close()


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        (settings.BASE_DIR / "static" / ".." / "manage.py").as_uri(),
        "http://169.254.169.254/latest/meta-data/",
        "https://example.org/logo.png",
        "ftp://example.org/a.css",
    ],
)
def test_anything_else_is_refused(url):
    with pytest.raises(ValueError, match="Báo cáo"):
        AppFilesFetcher()(url)


def test_a_page_naming_a_local_file_renders_without_it(tmp_path):
    secret = tmp_path / "bi-mat.css"
    secret.write_text("body { background: red }", encoding="utf-8")
    html = f'<link rel="stylesheet" href="{secret.as_uri()}"><p>Nội dung</p><img src="file:///etc/hostname">'
    rendered = html_to_pdf(html)
    assert rendered.pages == 1 and rendered.content.startswith(b"%PDF")
