"""Read-only unit endpoints; every queryset starts from `accounts.selectors.unit_scope_for_user`."""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.selectors import unit_scope_for_user
from units.api.serializers import UnitSerializer, UnitTreeSerializer
from units.collation import vietnamese_key
from units.filtersets import UnitFilterSet
from units.models import AdministrativeUnit


class UnitViewSet(viewsets.ReadOnlyModelViewSet):
    """Units the user may see (their memberships' units and everything below); filter by parent, kind, edition."""

    queryset = AdministrativeUnit.objects.none()
    serializer_class = UnitSerializer
    filterset_class = UnitFilterSet

    def get_queryset(self) -> QuerySet[AdministrativeUnit]:
        return unit_scope_for_user(user=self.request.user).order_by("edition", "code")

    @extend_schema(responses=UnitTreeSerializer)
    @action(detail=True, methods=["get"], serializer_class=UnitTreeSerializer, filterset_class=None)
    def tree(self, request: Request, pk: str | None = None) -> Response:
        """The unit and its whole subtree (districts, communes, departments), children in alphabetical order."""
        unit = self.get_object()
        subtree = self.get_queryset().filter(path__startswith=unit.path).exclude(pk=unit.pk)
        children: dict[int, list[AdministrativeUnit]] = {}
        for child in sorted(subtree, key=lambda u: vietnamese_key(u.name)):
            children.setdefault(child.parent_id, []).append(child)
        return Response(UnitTreeSerializer(unit, context={"children": children, "request": request}).data)
