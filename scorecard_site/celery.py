"""The Celery app: Redis as broker in deployment, in-process (eager) when no broker is configured."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scorecard_site.settings")

app = Celery("scorecard_site")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
