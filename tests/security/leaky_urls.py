"""A test-only URLconf: the project's routes plus pages that forgot the access rule, each in its own way."""

from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import include, path

from delivery_plans.models import DeliveryPlan
from organisations.access import get_object_for


def leaky_plan(request, pk):
    """No access rule at all."""
    return HttpResponse(get_object_or_404(DeliveryPlan, pk=pk).title)


def leaky_plan_rename(request, pk):
    """Checks that the user may read the plan, and then changes it: a board member's reading taken for writing."""
    plan = get_object_for(request.user, DeliveryPlan, pk=pk)
    if request.method == "POST":
        plan.title = f"{plan.title} (renamed)"
        plan.save(update_fields=["title"])
        return HttpResponseRedirect(plan.get_absolute_url())
    return HttpResponse(plan.title)


def leaky_council_plan(request, pk):
    """Reads by the councils of the user's memberships: an observer's council taken for their grant."""
    return HttpResponse(get_object_or_404(DeliveryPlan, pk=pk, almo__council__memberships__user=request.user).title)


urlpatterns = [
    path("leaky-plan/<int:pk>/", leaky_plan, name="leaky-plan"),
    path("leaky-plan/<int:pk>/rename/", leaky_plan_rename, name="leaky-plan-rename"),
    path("leaky-council-plan/<int:pk>/", leaky_council_plan, name="leaky-council-plan"),
    path("", include("almo_portal.urls")),
]
