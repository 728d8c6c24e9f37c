"""Health checks for /health/: database, cache and the Celery broker."""

import dataclasses

from django.conf import settings
from health_check.base import HealthCheck
from health_check.exceptions import ServiceUnavailable


@dataclasses.dataclass
class Broker(HealthCheck):
    """Connects to the Celery broker; with none configured, tasks run in-process and there is nothing to reach."""

    def run(self):
        if not settings.CELERY_BROKER_URL:
            return
        from almo_portal.celery import app

        try:
            with app.connection_for_write(url=settings.CELERY_BROKER_URL) as connection:
                connection.ensure_connection(max_retries=1, timeout=3)
        except Exception as error:  # any failure to connect means the broker is unavailable
            raise ServiceUnavailable(f"Cannot reach the Celery broker: {error.__class__.__name__}") from error
