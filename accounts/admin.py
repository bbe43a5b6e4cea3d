"""Memberships in the admin, also inline on each user's page."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from accounts.models import Membership


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "unit", "may_reopen", "may_sign", "may_manage_accounts", "created_at")
    list_filter = ("role", "may_reopen", "may_sign", "may_manage_accounts")
    search_fields = ("user__username", "unit__name", "unit__code")
    raw_id_fields = ("unit",)
    list_select_related = ("user", "unit")


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ("unit",)


User = get_user_model()
if admin.site.is_registered(User):
    admin.site.unregister(User)


@admin.register(User)
class UserWithMembershipsAdmin(UserAdmin):
    inlines = [*UserAdmin.inlines, MembershipInline]
