"""Accounts app: users' memberships in units with roles, and the one place that scopes what a user may see.

Every page, form, download and API call asks `accounts.selectors` which units and scorecards a user may see,
edit or review, so a permission rule lives in one module instead of being repeated in each view.
"""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
    verbose_name = "Tài khoản và phân quyền"
