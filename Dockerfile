# syntax=docker/dockerfile:1
# One image for the web server, the Celery worker and Celery beat. docker-compose.yml runs it.

# Stage 1: front-end packages and the stylesheet. Node and npm stay in this stage.
FROM node:22-bookworm-slim AS assets
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY static/scss static/scss
RUN npm run build:css

# Stage 2: the image that runs.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PYTHONPATH=/app \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    WEB_CONCURRENCY=3

# The libraries WeasyPrint loads at run time, and a font for the PDFs.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

# Python packages come before the code, so a code change does not reinstall them. pyproject.toml
# lists no packages (packages = []), so this installs only the dependencies, at the locked versions.
COPY pyproject.toml README.md requirements.lock /tmp/build/
RUN pip install -c /tmp/build/requirements.lock /tmp/build && rm -rf /tmp/build

WORKDIR /app
COPY . .
COPY --from=assets /build/node_modules/govuk-frontend node_modules/govuk-frontend
COPY --from=assets /build/static/build static/build

# Static files are collected into the image (var/staticfiles) and served by WhiteNoise. Production
# settings refuse to load without a secret key, allowed hosts and a Celery broker, so this one step
# gets throwaway values (nothing connects to the broker). They are not kept in the image.
RUN DJANGO_SETTINGS_MODULE=almo_portal.settings.production \
    DJANGO_SECRET_KEY=build-only-throwaway-key-for-collectstatic-never-used-to-serve \
    DJANGO_ALLOWED_HOSTS=build.invalid \
    CELERY_BROKER_URL=redis://build.invalid:6379/0 \
    python manage.py collectstatic --noinput

# Run as an unprivileged user. The code stays read-only to it; only the media folder is writable.
RUN groupadd --system app \
    && useradd --system --gid app --create-home --home-dir /home/app --shell /usr/sbin/nologin app \
    && mkdir -p var/media var/private \
    && chown app:app var/media var/private
USER app

ENV DJANGO_SETTINGS_MODULE=almo_portal.settings.production
EXPOSE 8000
# Request line and headers are capped here; bodies by Django (DATA_UPLOAD_MAX_MEMORY_SIZE). The access log
# leaves out query strings (%(U)s, not %(r)s): they may carry a password-reset code or a token.
CMD ["gunicorn", "almo_portal.wsgi:application", "--bind", "0.0.0.0:8000", "--access-logfile", "-", "--access-logformat", "%(h)s %(t)s \"%(m)s %(U)s\" %(s)s %(B)s %(L)s", "--worker-tmp-dir", "/dev/shm", "--limit-request-line", "4094", "--limit-request-fields", "100", "--limit-request-field_size", "8190"]
