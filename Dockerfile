# Scorecard 766 — production image (gunicorn + whitenoise). Build: docker build -t scorecard766 .
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# Shared libraries and fonts WeasyPrint (PDF reports) will need; Vietnamese-capable fonts.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 \
        libpangoft2-1.0-0 \
        libharfbuzz-subset0 \
        fonts-liberation2 \
        fonts-croscore \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --home-dir /app --no-create-home --shell /usr/sbin/nologin app

WORKDIR /app

# Dependencies first, so code changes do not invalidate this layer.
COPY requirements.txt ./
RUN pip install -r requirements.txt

COPY . .

# Static files are collected at build time (whitenoise serves them); the key is a build-only dummy.
# media/ is where uploads go (mount a volume there); it must be writable by the app user.
RUN SECRET_KEY=collectstatic-build-only-not-secret python manage.py collectstatic --noinput \
    && mkdir -p /app/media \
    && chown app:app /app/media

USER app

EXPOSE 8000

# Workers, threads and the address: gunicorn.conf.py (WEB_CONCURRENCY, GUNICORN_THREADS), as bench/entry.py runs it.
CMD ["gunicorn", "--config", "gunicorn.conf.py", "scorecard_site.wsgi:application"]
