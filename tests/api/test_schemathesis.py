"""Schemathesis against /api/v1/schema/, in-process through Django's WSGI app: no request may get a 5xx.

Deterministic (derandomized Hypothesis, no example database) and bounded (20 examples per operation), so it
runs in every `make test`; `-m "not api_fuzz"` leaves it out.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase
from hypothesis import settings as hypothesis_settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error


@pytest.fixture
def wsgi_app():
    """The real WSGI app, without closing the test's database connection (in its transaction) per request."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(db, settings, wsgi_app, january, card):
    settings.ALLOWED_HOSTS = ["localhost", "testserver"]
    return schemathesis.openapi.from_wsgi("/api/v1/schema/", wsgi_app)


@pytest.fixture
def token(administrator, officer) -> str:
    return Token.objects.create(user=administrator).key


schema = schemathesis.pytest.from_fixture("api_schema")


@pytest.mark.api_fuzz
@schema.parametrize()
@hypothesis_settings(
    max_examples=20,
    derandomize=True,
    database=None,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_api_never_answers_with_a_server_error(case, token):
    case.call_and_validate(headers={"Authorization": f"Token {token}"}, checks=[not_a_server_error])
