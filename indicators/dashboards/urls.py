"""Routes of the ranking dashboards: the league table at the root and a unit's page."""

from django.urls import path

from indicators.dashboards import help as help_page
from indicators.dashboards import views

urlpatterns = [
    path("", views.league_table_view, name="league-table"),
    path("don-vi/<int:pk>/", views.unit_detail_view, name="unit-detail"),
    path("huong-dan/", help_page.help_view, name="help"),
]
