"""Indicators app: versioned schemes, periods, scorecards and the scoring engine."""

from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "indicators"
    verbose_name = "Bộ chỉ số và phiếu điểm"
