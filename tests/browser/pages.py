"""What every browser test does the same way: log in as a persona, wait for htmx, name an indicator."""

from __future__ import annotations

from indicators.models import Indicator
from tests.personas import PASSWORD


def login(page, username: str, password: str = PASSWORD) -> None:
    """Log in through the form and wait for the landing page (which depends on the role), not a fixed URL."""
    page.goto("/tai-khoan/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.press("#id_password", "Enter")
    page.wait_for_url(lambda url: "/tai-khoan/dang-nhap/" not in url)


def ready(page) -> None:
    """Wait until htmx (a deferred script) has wired the form: a click only waits for navigation to commit,
    and keys typed before then would not ask for a preview."""
    page.wait_for_load_state("load")
    page.wait_for_function("() => window.htmx !== undefined")


def ind(code: str, scheme: str = "qd766") -> Indicator:
    return Indicator.objects.get(group__scheme__code=scheme, code=code)
