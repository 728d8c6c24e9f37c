"""Settings for the processes the fault harness starts (gunicorn, Celery workers): the test settings, with
tasks sent to the broker as in production rather than run in-process."""

from almo_portal.settings.test import *  # noqa: F403

CELERY_TASK_ALWAYS_EAGER = False
