"""API clients per persona (token or session) and a district's imported month to read."""

from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from indicators.imports.services import scores_import
from indicators.services import period_get_or_create


@pytest.fixture
def api():
    """`api(user)`: a client authenticated with the user's token; `api()` an anonymous one."""

    def make(user=None) -> APIClient:
        client = APIClient()
        if user is not None:
            token, _ = Token.objects.get_or_create(user=user)
            client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return make


@pytest.fixture
def january(lap_vo, qd766, seed_file):
    """Lấp Vò's 13 communes scored for 2024-01 (seed 000), recomputed."""
    period = period_get_or_create(key="2024-01")
    scores_import(path=seed_file("seed000_lapvo_2024-01.tsv"), scheme=qd766, period=period, parent=lap_vo)
    return period
