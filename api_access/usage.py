"""The API request log: one row per request, written with a single INSERT."""

import logging
import time

from rest_framework.exceptions import APIException

from api_access.models import ApiRequestLog, ApiToken
from core.clients import client_address
from organisations.log_redaction import redact_query

security_log = logging.getLogger("security")


def record(request, status: int, started: float) -> None:
    """Log a request made with a token or a session; anonymous refusals are not worth a row."""
    try:
        auth, user = request.auth, request.user
    except APIException:  # refused before authentication ran (say, an unknown format), then refused again
        auth, user = None, None
    token = auth if isinstance(auth, ApiToken) else getattr(request._request, "refused_api_token", None)
    user = user if user is not None and user.is_authenticated else None
    if status in (401, 403, 404):
        security_log.warning(
            "api-refused status=%s method=%s path=%s username=%s credential=%s ip=%s",
            status,
            request.method,
            request.path,
            user.get_username() if user else "-",
            f"api-token:{token.pk}" if token else ("session" if user else "-"),
            client_address(request) or "unknown",
        )
    if token is None and user is None:
        return
    ApiRequestLog.objects.create(
        token=token,
        user=user,
        method=request.method[:8],
        path=request.path[:300],
        query=redact_query(request.META.get("QUERY_STRING", ""))[:300],
        status=status,
        duration_ms=max(0, round((time.monotonic() - started) * 1000)),
    )
