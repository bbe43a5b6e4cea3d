"""Reports app: the official BÁO CÁO documents drawn from scorecards (Decree 30/2020 layout)."""

from django.apps import AppConfig


class ReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reports"
    verbose_name = "Báo cáo"
