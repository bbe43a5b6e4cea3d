"""The WSGI entry point (gunicorn): Django, then the garbage-collector tuning for web processes."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scorecard_site.settings")

application = get_wsgi_application()

from scorecard_site.gc_tuning import gc_tune  # noqa: E402 - after Django has loaded everything it needs

gc_tune()
