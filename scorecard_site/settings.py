"""Settings for Scorecard 766, read from the environment (django-environ).

Defaults give the embedded set-up a newcomer needs (SQLite file, tasks run in-process);
deployment and CI choose PostgreSQL and Redis through DATABASE_URL and CELERY_BROKER_URL.
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# --- security -------------------------------------------------------------
DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set unless DEBUG=1.")
    SECRET_KEY = "insecure-development-key-only-for-debug"  # noqa: S105 - DEBUG only
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"

# --- applications ---------------------------------------------------------
INSTALLED_APPS = [
    "accounts.admin_site.ScorecardAdminConfig",  # django.contrib.admin, for administrators only
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "units",
    "indicators",
    "reports",
    "django_htmx",
    "accounts",
    "audit",
    "notifications",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI and Redoc served from static files: no CDN needed
    "import_export",  # import and export in the admin
    "axes",  # login lockout per account and per address (see the logins section below)
    "csp",  # the Content-Security-Policy header
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "scorecard_site.errors.WriteTrackingMiddleware",  # the 500 page tells whether the request's writes committed
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks: it turns a lockout into a response
]

ROOT_URLCONF = "scorecard_site.urls"
WSGI_APPLICATION = "scorecard_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.user_roles",
                "notifications.context_processors.unread",
            ],
        },
    },
]

# --- database -------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- celery ---------------------------------------------------------------
# Without a broker the tasks run in-process, so the app works with nothing but Python.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
# No task result is ever read: without a result store a publish needs only the broker (a Redis result store that
# is down cost 19 s of reconnecting per submission), and nothing piles up in Redis.
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default="") or None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
# Durable delivery: a task is acknowledged when it has finished, and put back when its worker dies.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Seconds a recompute and a report render may run; a claim older than this is dead and claimable again.
RECOMPUTE_TIME_LIMIT = env.int("RECOMPUTE_TIME_LIMIT", default=10 * 60)
REPORT_RENDER_TIME_LIMIT = env.int("REPORT_RENDER_TIME_LIMIT", default=10 * 60)
# A pending request not claimed within this many seconds gets its task sent again by the next trigger.
RECOMPUTE_RESEND_AFTER = env.int("RECOMPUTE_RESEND_AFTER", default=60)
# An unacknowledged task (its worker was killed) is delivered again after this many seconds; longer than any time
# limit, so a slow run that is still alive is not handed to a second worker.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int(
        "CELERY_VISIBILITY_TIMEOUT", default=max(RECOMPUTE_TIME_LIMIT, REPORT_RENDER_TIME_LIMIT) + 5 * 60
    ),
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
}
# A broker that is down must not hold a user's request: a couple of quick attempts, then the caller falls back.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.5, "interval_max": 1}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "Asia/Ho_Chi_Minh"
CELERY_BEAT_SCHEDULE = {
    "nightly-full-recompute": {
        "task": "indicators.tasks.recompute_all",
        "schedule": crontab(hour=env.int("NIGHTLY_RECOMPUTE_HOUR", default=1), minute=30),
    },
    "nightly-report-renders": {
        "task": "reports.tasks.report_generate_resend",
        "schedule": crontab(hour=env.int("NIGHTLY_RECOMPUTE_HOUR", default=1), minute=45),
    },
}

# --- language, time, numbers ----------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
FORMAT_MODULE_PATH = ["scorecard_site.formats"]
LOCALE_PATHS = [BASE_DIR / "locale"]

# --- static files ---------------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "media/"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}

# --- accounts, entry and audit ----------------------------------------------
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "entry-home"
LOGOUT_REDIRECT_URL = "login"
# A session ends when the browser closes, and in any case SESSION_COOKIE_AGE after login.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Django's rules with Vietnamese messages and help texts (Django's own catalogue leaves some in English).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "accounts.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "accounts.password_validation.MinimumLengthValidator"},
    {"NAME": "accounts.password_validation.CommonPasswordValidator"},
    {"NAME": "accounts.password_validation.NumericPasswordValidator"},
]

# --- REST API (/api/v1/), its OpenAPI schema, and import/export in the admin ------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Scorecard 766 API",
    "DESCRIPTION": "Đơn vị hành chính, bộ chỉ số, kỳ, phiếu điểm và bảng xếp hạng (QĐ 766/QĐ-TTg).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # The 400/401/403/404 answers every endpoint can give, documented once (scorecard_site.openapi).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "scorecard_site.openapi.error_responses",
    ],
}
SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"] = {
    "UnitKindEnum": "units.constants.UnitKind",
    "PeriodKindEnum": "indicators.constants.PeriodKind",
    # Two "status" fields (scorecards, reports): named apart so the schema has no colliding enum names.
    "ScorecardStatusEnum": "indicators.constants.ScorecardStatus",
    "ReportStatusEnum": "reports.constants.ReportStatus",
}

# --- reports ----------------------------------------------------------------
# WeasyPrint logs every layout step and fontTools every subset glyph at INFO: keep worker logs readable.
LOGGING.setdefault("loggers", {}).update({"fontTools": {"level": "ERROR"}, "weasyprint": {"level": "WARNING"}})

# --- the national portal (Cổng Dịch vụ công quốc gia) -------------------------------------------------
# One request at a time, PORTAL_REQUEST_DELAY seconds (+ up to PORTAL_REQUEST_JITTER) apart; the provinces
# fetched nightly are named by code or name in PORTAL_PROVINCES ("25,Đồng Tháp").
PORTAL_BASE_URL = env.str("PORTAL_BASE_URL", default="https://dichvucong.gov.vn")
PORTAL_REQUEST_DELAY = env.float("PORTAL_REQUEST_DELAY", default=1.5)
PORTAL_REQUEST_JITTER = env.float("PORTAL_REQUEST_JITTER", default=1.0)
PORTAL_RETRIES = env.int("PORTAL_RETRIES", default=2)
PORTAL_TIMEOUT = env.float("PORTAL_TIMEOUT", default=30)
PORTAL_PROVINCES = env.list("PORTAL_PROVINCES", default=[])
CELERY_BEAT_SCHEDULE["nightly-portal-fetch"] = {
    "task": "indicators.portal.tasks.portal_fetch_nightly",
    "schedule": crontab(hour=env.int("NIGHTLY_PORTAL_HOUR", default=0), minute=45),
}

# --- notifications: in the app and by e-mail (the e-mail settings are below, with password reset) ------------
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")  # links in e-mails
CELERY_BEAT_SCHEDULE["deadline-reminders"] = {
    "task": "notifications.tasks.deadline_reminders",
    "schedule": crontab(hour=env.int("REMINDER_HOUR", default=7), minute=0),
}

# --- logins, limits, error pages, deployment (issue 11) ----------------------------------------------------
# django-axes locks an account, and separately an address, after AXES_FAILURE_LIMIT wrong passwords on the login
# page, the admin login, the API token endpoint and the signing confirmation; the lock lifts after the cool-off.
# ("axes" and "csp" are in INSTALLED_APPS; their middleware, and the write tracking behind the 500 page, in MIDDLEWARE.)
AUTHENTICATION_BACKENDS = [
    "accounts.backends.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # each on its own: an account, or an address
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "accounts.lockout.client_ip"
# Behind a reverse proxy that sets X-Forwarded-For, the number of proxies in front of the app (0: none).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# API tokens expire (and a password change revokes them): accounts.authentication.
API_TOKEN_MAX_AGE = timedelta(days=env.int("API_TOKEN_MAX_AGE_DAYS", default=30))
REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"][0] = "accounts.authentication.ExpiringTokenAuthentication"

# Password reset by e-mail; the console backend prints the mail until an SMTP server is configured.
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Scorecard 766 <no-reply@localhost>")
PASSWORD_RESET_TIMEOUT = 60 * 60 * 3  # a reset link works for three hours

# Request sizes: Django refuses a non-file body over this while reading it; uploads over
# FILE_UPLOAD_MAX_MEMORY_SIZE go to a temporary file, and each form checks its own limit (scorecard_site.uploads).
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_HANDLERS = [
    "scorecard_site.uploads.SizeLimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
UPLOAD_MAX_SIZE = env.int("UPLOAD_MAX_MB", default=20) * 1024 * 1024  # no single uploaded file is larger

# The certificate password has a key of its own, so SECRET_KEY can rotate (reports.signing). Without it the old
# SECRET_KEY-derived key is used and `check --deploy` warns; `manage.py reencrypt_certificates` moves rows over.
FIELD_ENCRYPTION_KEY = env.str("FIELD_ENCRYPTION_KEY", default="")

# HTTPS: behind a TLS-terminating proxy that sets X-Forwarded-Proto (SECURE_COOKIES=0 turns all of this off).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=SESSION_COOKIE_SECURE)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000 if SESSION_COOKIE_SECURE else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=SESSION_COOKIE_SECURE)
SECURE_REFERRER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        # Heat-map cells and charts colour themselves with style attributes.
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "worker-src": ["'self'", "blob:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],  # the report editor shows its print preview in a frame of its own page
    }
}
