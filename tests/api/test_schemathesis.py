"""Schemathesis against /api/v1/schema/, in-process through Django's WSGI app: no request may get a 5xx, and every
answer matches the schema (status codes documented, content types, response bodies with their nullable fields).

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
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance


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
def test_api_answers_as_its_schema_says_and_never_with_a_server_error(case, token):
    # Every default check (not_a_server_error, status_code_conformance, content_type_conformance,
    # response_headers_conformance, response_schema_conformance, ...) except two about what input is accepted:
    # a schema-valid request may still name a unit that does not exist (400, not 2xx), and an empty filter
    # (`?period_kind=`) means "no filter" in django-filter rather than a rejected value.
    case.call_and_validate(
        headers={"Authorization": f"Token {token}"},
        excluded_checks=[positive_data_acceptance, negative_data_rejection],
    )
