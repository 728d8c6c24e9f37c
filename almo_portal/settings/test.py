"""Test runs: fast hashing, mail kept in memory, plain static storage."""

from pathlib import Path

from .base import *  # noqa: F403
from .base import STORAGES, env

SECRET_KEY = "test-key-not-for-production"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = env("DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.locmem.EmailBackend")
# A worker started by the tests writes mail to files, so the test process can read it.
EMAIL_FILE_PATH = env("DJANGO_EMAIL_FILE_PATH", default=None)
if EMAIL_FILE_PATH:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default="/tmp/almo-portal-test-media")
PRIVATE_FILES_ROOT = env.path("DJANGO_PRIVATE_FILES_ROOT", default="/tmp/almo-portal-test-private")
STORAGES["private"] = {"BACKEND": "core.uploads.PrivateStorage", "OPTIONS": {"location": PRIVATE_FILES_ROOT}}
# Rules about "today" (a return is sent after its quarter ends, a recovery date is not in the past) are
# judged on a fixed date (in January 2027, so Q3 2026/27 has ended and its return is due), so the tests'
# fixed periods keep their meaning as the calendar moves on.
PORTAL_TODAY = env("PORTAL_TODAY", default="2027-01-20")
# Tests run tasks in-process unless a test starts a real worker on the broker itself.
CELERY_TASK_ALWAYS_EAGER = True

# WhiteNoise serves from the finders in tests; an empty folder keeps it from warning.
STATIC_ROOT = Path(env("DJANGO_STATIC_ROOT", default="/tmp/almo-portal-test-static"))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = True
