"""The page for an unexpected error, and the GOV.UK "service unavailable" page when the database is away.

PostgreSQL restarting or failing over is not a bug in the portal: for the seconds it is down, every
request answers 503 with a page that says to try again (JSON under /api/), not a traceback or a
"problem with the service" page. Django opens a fresh connection for the next request, so the
portal recovers by itself once the database is back.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.views import defaults

logger = logging.getLogger(__name__)

# The seconds a browser or a client is told to wait before trying again.
RETRY_AFTER = 30
API_PREFIX = "/api/"
UNAVAILABLE = "The service is unavailable for a few minutes. Nothing you sent has been saved. Try again later."


def database_unavailable(error: BaseException | None) -> bool:
    """True for the database refusing or dropping connections, whatever wrapped the error on its way up."""
    seen = 0
    while error is not None and seen < 10:
        if isinstance(error, OperationalError | InterfaceError):
            return True
        error, seen = error.__cause__ or error.__context__, seen + 1
    return False


def server_error(request, template_name="500.html"):
    """handler500: a 503 "service unavailable" answer when the database is down, else Django's own 500 page."""
    if not database_unavailable(sys.exc_info()[1]):
        return defaults.server_error(request, template_name)
    logger.warning("Database unavailable: answered %s %s with 503", request.method, request.path)
    if request.path.startswith(API_PREFIX):
        response = JsonResponse({"detail": UNAVAILABLE}, status=503)
    else:
        # Rendered without the request, so no context processor reaches for the database again.
        response = HttpResponse(render_to_string("503.html", {"retry_after": RETRY_AFTER}), status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response
