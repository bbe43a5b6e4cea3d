"""Celery tasks: thin wrappers around one service each."""

from celery import shared_task

from notifications.services import deadline_reminders_send


@shared_task
def deadline_reminders() -> int:
    """Run daily by Celery beat (settings: CELERY_BEAT_SCHEDULE)."""
    return deadline_reminders_send()
