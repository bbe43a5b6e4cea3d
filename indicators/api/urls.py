"""API routes of the indicators app, mounted under /api/v1/."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from indicators.api.views import PeriodViewSet, SchemeViewSet
from indicators.dashboards.api.views import RankingView
from indicators.entry.api.views import ScorecardViewSet

router = SimpleRouter(trailing_slash=True)
router.register("schemes", SchemeViewSet, basename="scheme")
router.register("periods", PeriodViewSet, basename="period")
router.register("scorecards", ScorecardViewSet, basename="scorecard")
urlpatterns = [path("rankings/", RankingView.as_view(), name="ranking"), *router.urls]
