"""Routes of the reports API, included under /api/v1/."""

from rest_framework.routers import SimpleRouter

from reports.api.views import ReportViewSet

router = SimpleRouter()
router.register("reports", ReportViewSet, basename="report")
urlpatterns = router.urls
