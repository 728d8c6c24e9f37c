"""The Celery app. Settings live in Django settings under the CELERY_ namespace."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "almo_portal.settings.local")

app = Celery("almo_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# Each worker sweeps for report runs a dead worker or a restarted broker lost (reporting/sweeper.py).
app.steps["worker"].add("reporting.sweeper:ReportSweepStep")
