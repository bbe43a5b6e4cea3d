"""API routes of the units app, mounted under /api/v1/."""

from rest_framework.routers import SimpleRouter

from units.api.views import UnitViewSet

router = SimpleRouter(trailing_slash=True)
router.register("units", UnitViewSet, basename="unit")
urlpatterns = router.urls
