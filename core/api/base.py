"""What every API view shares. New API resources inherit from these and stay thin.

- Anonymous calls get a JSON 401, never the sign-in page: Django's LoginRequiredMiddleware is told to stand aside.
- Query parameters a view does not know are refused with a 400 that names them; so are body fields a write does not
  declare, or of the wrong JSON type (`read_body` and `serializers.StrictSerializer`).
- Reads start from the one access rule, `restrict(user, "view")`; a record you may not see is a 404.
- Writes call a service; its ValidationError and PermissionDenied become 400 and 403 (see `exceptions.py`).
- Each answered request is told to the registered observers (`api_access` logs it against its token).
"""

from __future__ import annotations

import time

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ImproperlyConfigured
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.settings import api_settings
from rest_framework.views import APIView
from rest_framework.viewsets import GenericViewSet

from core import registries
from core.api.serializers import StrictSerializer


class NoBody(StrictSerializer):
    """What an action that takes no body reads: nothing, or an empty object; any key is refused."""


class StrictContentNegotiation(DefaultContentNegotiation):
    """An unknown `format` is a 400 naming the formats there are, not DRF's bare 404."""

    def filter_renderers(self, renderers, format):
        chosen = [renderer for renderer in renderers if renderer.format == format]
        if not chosen:
            formats = ", ".join(renderer.format for renderer in renderers)
            raise ValidationError({api_settings.URL_FORMAT_OVERRIDE: [f"Choose a format from: {formats}."]})
        return chosen


class PortalApiMixin:
    # Query parameters any view of this kind accepts, beyond its filters, ordering and pagination.
    query_params: frozenset[str] = frozenset()

    @classmethod
    def as_view(cls, *args, **kwargs):
        return login_not_required(super().as_view(*args, **kwargs))

    def initialize_request(self, request, *args, **kwargs):
        self._started = time.monotonic()
        return super().initialize_request(request, *args, **kwargs)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if hasattr(self, request.method.lower()):  # otherwise DRF answers 405, whatever the query says
            self.check_query_params(request)

    def allowed_query_params(self) -> set[str]:
        return {api_settings.URL_FORMAT_OVERRIDE, *self.query_params}

    def check_query_params(self, request) -> None:
        allowed = self.allowed_query_params()
        unknown = sorted(name for name in request.query_params if name not in allowed)
        if unknown:
            accepted = ", ".join(sorted(allowed))
            raise ValidationError(
                {name[:50]: [f"Unknown query parameter. This accepts: {accepted}."] for name in unknown}
            )

    def read_body(self, serializer_class: type[StrictSerializer] | None = None) -> StrictSerializer:
        """The request body, validated by `serializer_class` (or, for an action that takes none, `NoBody`).

        Raises the 400 naming each field that is wrong, unknown or of the wrong type; nothing is read loosely.
        """
        serializer_class = serializer_class or NoBody
        if not issubclass(serializer_class, StrictSerializer):
            raise ImproperlyConfigured(f"{serializer_class.__name__} reads a request body: make it a StrictSerializer.")
        form = serializer_class(data=self.request.data, context={"request": self.request, "view": self})
        form.is_valid(raise_exception=True)
        return form

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        started = getattr(self, "_started", time.monotonic())
        for observer in registries.api_request_observers:
            observer.record(request, response.status_code, started)
        return response

    def require(self, obj, action: str, message: str) -> None:
        """The caller can see `obj` (or it would be a 404); refuse with a 403 if they may not take `action` on it."""
        if not type(obj).objects.allows(self.request.user, action, obj):
            raise PermissionDenied(message)


@csrf_exempt  # it changes nothing, and a write to a wrong address should hear that, not about a CSRF cookie
@login_not_required
def not_found(request, *args, **kwargs):
    """Any other address under the API: a JSON 404 in the API's error shape, not the site's HTML page."""
    return JsonResponse(
        {"detail": "There is nothing at this address in the API. Every path ends with a slash: see /api/v1/docs/."},
        status=404,
    )


class PortalAPIView(PortalApiMixin, APIView):
    content_negotiation_class = StrictContentNegotiation


class ScopedViewSet(PortalApiMixin, GenericViewSet):
    """Lists and details of one domain model, from `Model.objects.restrict(user, "view")`."""

    content_negotiation_class = StrictContentNegotiation
    ordering: list[str] | None = None

    def get_queryset(self):
        user = getattr(self.request, "user", None)
        return super().get_queryset().restrict(user, "view")

    def allowed_query_params(self) -> set[str]:
        allowed = super().allowed_query_params()
        if self.action != "list":
            return allowed
        filterset_class = getattr(self, "filterset_class", None)
        if filterset_class is not None:
            allowed.update(filterset_class.base_filters)
        if getattr(self, "ordering_fields", None):
            allowed.add(api_settings.ORDERING_PARAM)
        if self.paginator is not None:
            allowed.update({self.paginator.page_query_param, self.paginator.page_size_query_param})
        return allowed

    def get_fresh(self, obj):
        """The record again, as the list and detail show it, after a service changed it."""
        return self.get_queryset().get(pk=obj.pk)


class ScopedPrimaryKeyField(serializers.PrimaryKeyRelatedField):
    """A reference by id to a record the caller can see; any other id reads as missing, whether or not it exists."""

    def __init__(self, model, **kwargs):
        self.model = model
        kwargs.setdefault(
            "error_messages",
            {"does_not_exist": f"There is no {model._meta.verbose_name} with the id {{pk_value}} that you can see."},
        )
        super().__init__(queryset=model.objects.all(), **kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        return self.model.objects.restrict(getattr(request, "user", None), "view")
