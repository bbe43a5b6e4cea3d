"""The login lockout backend: django-axes' check, placed first in AUTHENTICATION_BACKENDS."""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend


class LockoutBackend(AxesStandaloneBackend):
    """Refuses a locked-out account or address before any password is checked.

    Every login the app offers (login page, admin, API token, signing confirmation) passes the request, so axes
    counts it. A call without a request is code calling `authenticate` directly (the test client's `login`, a
    shell): there is no address to lock, so it is left to the next backend instead of raising.
    """

    def authenticate(self, request: Any, username: str | None = None, password: str | None = None, **kwargs: Any):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
