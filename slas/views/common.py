"""What the SLA pages share: finding an SLA for an action, and rendering a form page."""

from django.core.exceptions import ValidationError
from django.shortcuts import render

from core.forms import attach_errors
from organisations.access import get_object_for
from slas.models import ServiceLevelAgreement


def sla_for(request, pk, action: str = "view") -> ServiceLevelAgreement:
    """The SLA, or a 404 that looks the same for missing and forbidden."""
    queryset = ServiceLevelAgreement.objects.select_related("almo__council", "current_version")
    return get_object_for(request.user, queryset, action, pk=pk)


def form_page(request, form, context: dict, status_ok: int = 200):
    """Render the shared form page: a 400 when the form has errors, so a script or a test can tell."""
    return render(request, "slas/form.html", {"form": form, **context}, status=400 if form.errors else status_ok)


def call_service(form, service, **kwargs) -> bool:
    """Call a service with the form's data; its ValidationError goes on the form, field by field."""
    try:
        service(**kwargs)
    except ValidationError as error:
        attach_errors(form, error)
        return False
    return True
