"""Test runs: fast hashing, mail kept in memory, plain static storage."""

from .base import *  # noqa: F403
from .base import STORAGES, env

SECRET_KEY = "test-key-not-for-production"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default="/tmp/almo-portal-test-media")
# Tests run tasks in-process unless a test starts a real worker on the broker itself.
CELERY_TASK_ALWAYS_EAGER = True
