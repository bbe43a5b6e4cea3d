"""Site-wide views that belong to no app."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponsePermanentRedirect
from django.templatetags.static import static


def favicon(request: HttpRequest) -> HttpResponsePermanentRedirect:
    """Browsers ask for /favicon.ico on pages that name no icon (the API docs, files): send them to the site's.

    Resolved per request, not at import: the hashed name exists only once static files are collected."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))
