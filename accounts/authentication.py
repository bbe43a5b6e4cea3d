"""API tokens that expire (API_TOKEN_MAX_AGE) and die with a password change, on top of DRF's TokenAuthentication."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import AuthenticationFailed


def token_expires_at(token: Token):
    return token.created + settings.API_TOKEN_MAX_AGE


def token_is_expired(token: Token) -> bool:
    return timezone.now() >= token_expires_at(token)


class ExpiringTokenAuthentication(TokenAuthentication):
    """`Authorization: Token <key>`; a token older than API_TOKEN_MAX_AGE is deleted and refused."""

    def authenticate_credentials(self, key: str):
        user, token = super().authenticate_credentials(key)
        if token_is_expired(token):
            token.delete()
            raise AuthenticationFailed(_("Mã truy cập (token) đã hết hạn; hãy lấy mã mới tại /api/v1/auth/token/."))
        return user, token


def token_issue(*, user) -> Token:
    """The user's live token, or a fresh one when there is none or it has expired."""
    token = Token.objects.filter(user=user).first()
    if token is not None and token_is_expired(token):
        token.delete()
        token = None
    return token or Token.objects.create(user=user)


def tokens_revoke_on_password_change(sender, instance, update_fields=None, **kwargs) -> None:
    """pre_save of the user model: a changed password hash revokes every API token of the user."""
    if instance.pk is None or (update_fields is not None and "password" not in update_fields):
        return
    stored = sender.objects.filter(pk=instance.pk).values_list("password", flat=True).first()
    if stored is not None and stored != instance.password:
        Token.objects.filter(user_id=instance.pk).delete()
