"""POST /api/v1/auth/token/: a token for username and password, counted by django-axes like every other login."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.authentication import token_expires_at, token_issue

TokenResponse = inline_serializer(
    name="TokenResponse", fields={"token": serializers.CharField(), "expires": serializers.DateTimeField()}
)
DetailResponse = inline_serializer(name="TokenError", fields={"detail": serializers.CharField()})


class TokenObtainView(ObtainAuthToken):
    """The user's live token (a new one after expiry); wrong passwords count towards the lockout."""

    def get_serializer_context(self) -> dict:
        # axes marks a lockout on the request it is given; the Django request is the one its middleware reads.
        return {**super().get_serializer_context(), "request": self.request._request}

    @extend_schema(
        request=AuthTokenSerializer,
        responses={
            200: TokenResponse,
            400: OpenApiResponse(description="Sai tên đăng nhập hoặc mật khẩu, hoặc thiếu trường."),
            429: OpenApiResponse(DetailResponse, description="Sai mật khẩu quá nhiều lần: tạm khóa đăng nhập."),
        },
        auth=[],
    )
    def post(self, request: Request, *args, **kwargs) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        token = token_issue(user=serializer.validated_data["user"])
        return Response({"token": token.key, "expires": token_expires_at(token)})


token_obtain = TokenObtainView.as_view()
