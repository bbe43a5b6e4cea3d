from django.contrib import admin

from notifications.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("created_at", "user", "kind", "title", "emailed", "read_at")
    list_filter = ("kind", "emailed")
    search_fields = ("title", "user__username")
