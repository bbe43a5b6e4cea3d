"""The OpenAPI schema documents what the API really answers: shared 400/401/403/404 errors, nullable fields,
pages from 1; an unknown /api/ address answers JSON, never the HTML 404 page."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(administrator) -> dict:
    client = APIClient()
    client.force_authenticate(administrator)
    response = client.get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    return response.json()


def test_every_operation_documents_its_error_answers(schema):
    operations = [op for methods in schema["paths"].values() for op in methods.values()]
    assert len(operations) > 10
    for operation in operations:
        assert {"401", "403", "404"} <= set(operation["responses"]), operation["operationId"]
        if operation.get("parameters") or operation.get("requestBody"):
            assert "400" in operation["responses"], operation["operationId"]
    conflict = schema["paths"]["/api/v1/scorecards/{id}/"]["patch"]["responses"]
    assert "409" in conflict
    assert "429" in schema["paths"]["/api/v1/auth/token/"]["post"]["responses"]


def test_pages_start_at_one(schema):
    pages = [
        p
        for methods in schema["paths"].values()
        for op in methods.values()
        for p in op.get("parameters", [])
        if p["name"] == "page"
    ]
    assert pages and all(p["schema"]["minimum"] == 1 for p in pages)


def test_fields_that_can_be_null_are_nullable(schema):
    components = schema["components"]["schemas"]
    assert components["Period"]["properties"]["previous"]["nullable"] is True
    assert components["Scorecard"]["properties"]["classification"]["nullable"] is True


def test_an_unknown_api_address_answers_json(administrator):
    client = APIClient()
    client.force_authenticate(administrator)
    response = client.get("/api/v1/khong-co/")
    assert response.status_code == 404 and response.json() == {"detail": "Không tìm thấy."}
