"""Rate limits per token (or per signed-in person), counted in the Django cache (Redis in CI and production)."""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from api_access.models import ApiToken


class ApiRateThrottle(SimpleRateThrottle):
    scope = "api"

    def get_rate(self):
        # DRF reads rates once at import; reading the setting per request lets tests and operators change them.
        return settings.REST_FRAMEWORK.get("DEFAULT_THROTTLE_RATES", {}).get(self.scope)

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiToken):
            ident = f"token-{request.auth.prefix}"
        elif request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            ident = f"address-{self.get_ident(request)}"
        return self.cache_format % {"scope": self.scope, "ident": ident}


class ExportRateThrottle(ApiRateThrottle):
    """Exports read the whole peer group's data, so they have a lower limit of their own."""

    scope = "export"
