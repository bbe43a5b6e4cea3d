"""API for scorecards: list, read, create and save entries (the same rules as the entry form), and the workflow
(submit, approve, return, reopen) through the same services, messages and change log as the pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import Serializer

from accounts import selectors as access
from indicators.entry import rules
from indicators.entry.api.serializers import (
    ScorecardActionSerializer,
    ScorecardCreateSerializer,
    ScorecardDetailSerializer,
    ScorecardSerializer,
    ScorecardWriteSerializer,
)
from indicators.entry.selectors import causes_current, entries_current
from indicators.entry.services import (
    EntryInvalid,
    ScorecardStale,
    WorkflowError,
    scorecard_approve,
    scorecard_reopen,
    scorecard_return,
    scorecard_save,
    scorecard_submit,
)
from indicators.filtersets import ScorecardFilterSet
from indicators.models import GroupScore, Period, Scheme, Scorecard
from indicators.services import scorecard_get_or_create, scorecard_validity_problem


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "Xung đột phiên bản."
    default_code = "conflict"


def _save(*, card: Scorecard, user: Any, data: ScorecardWriteSerializer, version: int, partial: bool) -> None:
    """Call the workflow's save and turn its refusals into API errors carrying its messages."""
    values, causes = data.values_for(card.scheme)
    if partial:
        values = {**entries_current(scorecard=card), **values}
    causes = {**causes_current(scorecard=card), **causes}
    try:
        scorecard_save(
            scorecard=card, user=user, values=values, causes=causes, expected_version=version, spec=data.spec
        )
    except EntryInvalid as exc:
        codes = data.codes_by_key(card.scheme)
        raise exceptions.ValidationError(
            {"detail": str(exc), "entries": {codes.get(key, str(key)): message for key, message in exc.errors.items()}}
        ) from None
    except ScorecardStale as exc:
        raise Conflict(str(exc)) from None
    except WorkflowError as exc:
        raise exceptions.ValidationError({"detail": str(exc)}) from None


_STALE = OpenApiResponse(description="Phiếu đã được người khác thay đổi sau phiên bản gửi lên.")


class ScorecardViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Scorecards of the units the user may see, filtered like the league table (the same filterset).

    Writes send the `version` they read; entries are addressed by indicator or group code. PUT makes the entries
    exactly those sent; PATCH changes only those sent.
    """

    queryset = Scorecard.objects.none()
    filterset_class = ScorecardFilterSet

    def get_queryset(self) -> QuerySet[Scorecard]:
        queryset = access.scorecard_list_for_user(user=self.request.user).select_related(
            "unit", "period", "scheme", "classification"
        )
        if self.action != "list":
            queryset = queryset.prefetch_related(Prefetch("group_scores", GroupScore.objects.select_related("group")))
        return queryset.order_by("-period__start", "scheme__code", "unit__code")

    def get_serializer_class(self) -> type[Serializer]:
        return {
            "list": ScorecardSerializer,
            "create": ScorecardCreateSerializer,
            "update": ScorecardWriteSerializer,
            "partial_update": ScorecardWriteSerializer,
            **dict.fromkeys(("submit", "approve", "return_", "reopen"), ScorecardActionSerializer),
        }.get(self.action, ScorecardDetailSerializer)

    def _detail(self, pk: int) -> dict[str, Any]:
        return ScorecardDetailSerializer(self.get_queryset().get(pk=pk), context=self.get_serializer_context()).data

    @extend_schema(request=ScorecardCreateSerializer, responses={201: ScorecardDetailSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """A unit's scorecard for a period, with entries if given; refused where the entry form is refused."""
        data = ScorecardCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = data.validated_data
        unit = access.unit_scope_for_user(user=request.user).filter(pk=fields["unit"]).first()
        if unit is None:
            raise exceptions.ValidationError({"unit": [_("Không có đơn vị id %(id)s.") % {"id": fields["unit"]}]})
        if not access.may_enter_for(user=request.user, unit=unit):
            raise exceptions.PermissionDenied(
                _("Chỉ cán bộ của %(unit)s nhập điểm phiếu này; bạn chỉ được xem và duyệt.") % {"unit": unit.full_name}
            )
        period = Period.objects.filter(key=fields["period"].strip().upper()).first()
        if period is None:
            raise exceptions.ValidationError({"period": [_("Không có kỳ “%(key)s”.") % {"key": fields["period"]}]})
        scheme = Scheme.objects.filter(code=fields["scheme"].strip()).first()
        if scheme is None:
            message = _("Không có bộ chỉ số “%(code)s”.") % {"code": fields["scheme"]}
            raise exceptions.ValidationError({"scheme": [message]})
        outside = scorecard_validity_problem(unit=unit, period=period)
        if outside:
            raise exceptions.ValidationError({"unit": [outside]})
        same = Scorecard.objects.filter(unit=unit, period=period, scheme=scheme)
        existing = same.values_list("pk", flat=True).first()
        if existing:
            raise exceptions.ValidationError(
                {
                    "detail": _("Phiếu điểm của %(unit)s cho %(period)s đã có (id %(id)d); hãy sửa bằng PUT, PATCH.")
                    % {"unit": unit.full_name, "period": period.label.lower(), "id": existing}
                }
            )
        with transaction.atomic():
            card = scorecard_get_or_create(unit=unit, period=period, scheme=scheme)
            reason = rules.edit_block_reason(user=request.user, scorecard=card)
            if reason:
                raise exceptions.ValidationError({"detail": reason})
            if fields.get("entries") or fields.get("causes"):
                _save(card=card, user=request.user, data=data, version=card.version, partial=False)
        return Response(self._detail(card.pk), status=status.HTTP_201_CREATED)

    @extend_schema(
        request=ScorecardWriteSerializer,
        responses={
            200: ScorecardDetailSerializer,
            409: OpenApiResponse(description="Phiếu đã được người khác lưu sau phiên bản gửi lên."),
        },
    )
    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        card = self.get_object()
        data = ScorecardWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        partial = kwargs.get("partial", False)
        _save(card=card, user=request.user, data=data, version=data.validated_data["version"], partial=partial)
        return Response(self._detail(card.pk))

    @extend_schema(
        request=ScorecardWriteSerializer,
        responses={
            200: ScorecardDetailSerializer,
            409: OpenApiResponse(description="Phiếu đã được người khác lưu sau phiên bản gửi lên."),
        },
    )
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.update(request, *args, partial=True, **kwargs)

    def _step(self, request: Request, run: Callable[[Scorecard, Any, dict[str, Any]], Any]) -> Response:
        """One workflow step: 404 outside the user's scope, 403 without the right, 409 on a stale version, 400
        when the state or a missing comment refuses it, each with the service's message."""
        card = self.get_object()
        data = ScorecardActionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = data.validated_data
        try:
            run(card, request.user, fields)
        except PermissionDenied as exc:
            raise exceptions.PermissionDenied(str(exc)) from None
        except ScorecardStale as exc:
            raise Conflict(str(exc)) from None
        except WorkflowError as exc:
            raise exceptions.ValidationError({"detail": str(exc)}) from None
        return Response(self._detail(card.pk))

    @extend_schema(request=ScorecardActionSerializer, responses={200: ScorecardDetailSerializer, 409: _STALE})
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str | None = None) -> Response:
        """Submit a complete draft (or a returned scorecard) for review."""
        return self._step(
            request, lambda card, user, f: scorecard_submit(scorecard=card, user=user, expected_version=f["version"])
        )

    @extend_schema(request=ScorecardActionSerializer, responses={200: ScorecardDetailSerializer, 409: _STALE})
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk: str | None = None) -> Response:
        """Approve a submitted scorecard, which locks it."""
        return self._step(
            request, lambda card, user, f: scorecard_approve(scorecard=card, user=user, expected_version=f["version"])
        )

    @extend_schema(request=ScorecardActionSerializer, responses={200: ScorecardDetailSerializer, 409: _STALE})
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request: Request, pk: str | None = None) -> Response:
        """Send a submitted scorecard back to its unit; `comment` says what to correct."""
        return self._step(
            request,
            lambda card, user, f: scorecard_return(
                scorecard=card, user=user, comment=f["comment"], expected_version=f["version"]
            ),
        )

    @extend_schema(request=ScorecardActionSerializer, responses={200: ScorecardDetailSerializer, 409: _STALE})
    @action(detail=True, methods=["post"])
    def reopen(self, request: Request, pk: str | None = None) -> Response:
        """Unlock an approved scorecard (or a draft of a closed period); `reason` goes into its history."""
        return self._step(
            request,
            lambda card, user, f: scorecard_reopen(
                scorecard=card, user=user, reason=f["reason"], expected_version=f["version"]
            ),
        )
