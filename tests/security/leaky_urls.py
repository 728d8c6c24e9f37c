"""A test-only URLconf: the project's routes plus a plan page that forgot the access rule."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import include, path

from delivery_plans.models import DeliveryPlan


def leaky_plan(request, pk):
    return HttpResponse(get_object_or_404(DeliveryPlan, pk=pk).title)


urlpatterns = [
    path("leaky-plan/<int:pk>/", leaky_plan, name="leaky-plan"),
    path("", include("almo_portal.urls")),
]
