"""URL routes: the league table at the root, the admin under /admin/."""

from django.contrib import admin
from django.urls import path

from indicators.views import league_table

urlpatterns = [
    path("", league_table, name="league-table"),
    path("admin/", admin.site.urls),
]
