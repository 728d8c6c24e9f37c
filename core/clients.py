"""The address a request came from, as the portal's own proxies saw it.

Behind a proxy that terminates TLS, REMOTE_ADDR is the proxy's, the same for everyone: a limit keyed on it would
lock out every user at once. With `TRUSTED_PROXY_COUNT` proxies in front, the client is the address the outermost
of them added to X-Forwarded-For, read from the right, so a client cannot forge it by sending the header itself.
"""

from __future__ import annotations

from django.conf import settings


def client_address(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "") if request is not None else ""
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies <= 0 or request is None:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    return forwarded[-proxies] if len(forwarded) >= proxies else remote
