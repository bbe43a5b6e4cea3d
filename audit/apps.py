"""Audit app: who changed which entry, status or published total, when, from what to what, and why.

It has its own home because every writer (web entry, workflow, file import, command line) records here, and
the trail must outlive what it describes: events keep their own copies of names and values, so deleting a
scorecard or a user never rewrites history.
"""

from django.apps import AppConfig


class AuditConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "audit"
    verbose_name = "Nhật ký thay đổi"
