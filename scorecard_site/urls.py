"""URL routes: ranking dashboards at the root, the admin under /admin/."""

from django.contrib import admin
from django.urls import include, path

from indicators.views import league_table_view, unit_detail_view

urlpatterns = [
    path("", league_table_view, name="league-table"),
    path("don-vi/<int:pk>/", unit_detail_view, name="unit-detail"),
    path("admin/", admin.site.urls),
    path("", include("accounts.urls")),
    path("", include("indicators.entry_urls")),
    path("", include("indicators.import_urls")),
    path("api/v1/", include("scorecard_site.api_urls")),
    path("", include("reports.urls")),
]
