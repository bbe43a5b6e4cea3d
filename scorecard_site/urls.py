"""URL routes: ranking dashboards at the root, the admin under /admin/."""

from django.contrib import admin
from django.urls import include, path

from scorecard_site.views import favicon

urlpatterns = [
    path("favicon.ico", favicon),
    path("", include("indicators.dashboards.urls")),
    path("admin/", admin.site.urls),
    path("", include("accounts.urls")),
    path("", include("indicators.entry.urls")),
    path("", include("indicators.imports.urls")),
    path("", include("indicators.portal.urls")),
    path("api/v1/", include("scorecard_site.api_urls")),
    path("", include("reports.urls")),
    path("", include("notifications.urls")),
]

# Vietnamese error pages (templates/403.html, 404.html, 500.html); the 500 page says whether the action was saved.
handler404 = "scorecard_site.errors.page_not_found"
handler500 = "scorecard_site.errors.server_error"
