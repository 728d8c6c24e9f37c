"""Health checks for /health/: database, cache and the Celery broker."""

import dataclasses

from django.conf import settings
from health_check.base import HealthCheck
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView


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


# What each check is called on the status page, in words a person reads.
CHECK_NAMES = {"Database": "Database", "Cache": "Cache", "Broker": "Background tasks (the Celery broker)"}


class PortalHealthView(HealthCheckView):
    """A small status page in a browser; JSON for monitors, and for any Accept header it does not know.

    The answer is 200 when every check passes and 500 when one fails, in every format.
    """

    template_name = "health.html"

    async def get(self, request, *args, **kwargs):
        response = await super().get(request, *args, **kwargs)
        if response.status_code == 406:  # an Accept header with no format we offer: monitors still get an answer
            has_errors = any(result.error for result in self.results)
            return self.render_to_response_json(500 if has_errors else 200)
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["checks"] = [
            {
                "name": CHECK_NAMES.get(type(result.check).__name__, type(result.check).__name__),
                "ok": not result.error,
                "problem": str(result.error) if result.error else "",
                "seconds": result.time_taken,
            }
            for result in self.results
        ]
        return context
