"""Settings for pytest: the real settings with a throwaway key, so `pytest` runs without any environment.

DATABASE_URL and CELERY_BROKER_URL still come from the environment: CI points them at PostgreSQL and Redis.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-only-not-secret")

from scorecard_site.settings import *  # noqa: F403

# Tests render pages without running collectstatic first.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405

# Tasks run in-process in tests; tests/indicators/test_worker.py switches to the real broker and worker.
CELERY_TASK_ALWAYS_EAGER = True

# Tests speak plain HTTP to the test client and the live server; a fixed key for the certificate passwords.
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
FIELD_ENCRYPTION_KEY = "aW5zZWN1cmUtdGVzdC1vbmx5LWZpZWxkLWtleS0zMmI="
