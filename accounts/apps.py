"""Accounts app: users' memberships in units with roles, and the one place that scopes what a user may see.

Every page, form, download and API call asks `accounts.selectors` which units and scorecards a user may see,
edit or review, so a permission rule lives in one module instead of being repeated in each view.
"""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
    verbose_name = "Tài khoản và phân quyền"

    def ready(self) -> None:
        from django.contrib.auth import get_user_model
        from django.db.models.signals import pre_save

        from accounts import checks  # noqa: F401 - registers the deploy checks
        from accounts.authentication import tokens_revoke_on_password_change

        pre_save.connect(tokens_revoke_on_password_change, sender=get_user_model(), dispatch_uid="tokens_revoke")
