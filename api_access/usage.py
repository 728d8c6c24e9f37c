"""The API request log: one row per request, written with a single INSERT."""

import time

from rest_framework.exceptions import APIException

from api_access.models import ApiRequestLog, ApiToken


def record(request, status: int, started: float) -> None:
    """Log a request made with a token or a session; anonymous refusals are not worth a row."""
    try:
        auth, user = request.auth, request.user
    except APIException:  # refused before authentication ran (say, an unknown format), then refused again
        auth, user = None, None
    token = auth if isinstance(auth, ApiToken) else getattr(request._request, "refused_api_token", None)
    user = user if user is not None and user.is_authenticated else None
    if token is None and user is None:
        return
    ApiRequestLog.objects.create(
        token=token,
        user=user,
        method=request.method[:8],
        path=request.path[:300],
        query=request.META.get("QUERY_STRING", "")[:300],
        status=status,
        duration_ms=max(0, round((time.monotonic() - started) * 1000)),
    )
