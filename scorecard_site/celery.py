"""The Celery app: Redis as broker in deployment, in-process (eager) when no broker is configured.

A worker that starts sends again every recompute and report render left unfinished (a killed worker, a broker
that was down), so work resumes when the workers do, not at the next trigger or the nightly run.
"""

import logging
import os

from celery import Celery
from celery.signals import worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scorecard_site.settings")

app = Celery("scorecard_site")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_ready.connect
def resend_unfinished_work(**_kwargs) -> None:
    from indicators.recompute_queue import recompute_resend_unfinished
    from reports.rendering import report_generate_resend

    try:
        recompute_resend_unfinished()
        report_generate_resend()
    except Exception:  # the worker must start even when the database is not there yet
        logging.getLogger(__name__).exception("Could not resend unfinished work")
