"""The REST API under /api/v1/: each app's `api/urls.py`, token login, the OpenAPI schema and its docs.

The docs pages load Swagger UI and Redoc from drf-spectacular-sidecar's static files, so they work offline.
"""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView

from accounts.api.views import token_obtain

app_name = "api"
urlpatterns = [
    path("", include("units.api.urls")),
    path("", include("indicators.api.urls")),
    path("", include("reports.api.urls")),
    path("auth/token/", token_obtain, name="token"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api:schema"), name="redoc"),
]
