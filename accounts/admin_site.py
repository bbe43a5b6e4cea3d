"""The admin site, for administrators only.

The admin lists every unit, scorecard and user with no unit scoping, so a staff flag plus a "view" permission
would show a district's staff the whole country. Entry needs the staff flag *and* an administrator (superuser, or
the administrator role in accounts.Membership); everyone else works through the scoped pages.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest


class AdministratorsAdminSite(admin.AdminSite):
    def has_permission(self, request: HttpRequest) -> bool:
        from accounts.selectors import is_administrator  # this module loads with the app registry

        return super().has_permission(request) and is_administrator(user=request.user)


class ScorecardAdminConfig(AdminConfig):
    """Replaces "django.contrib.admin" in INSTALLED_APPS so `admin.site` is the site above."""

    default_site = "accounts.admin_site.AdministratorsAdminSite"
