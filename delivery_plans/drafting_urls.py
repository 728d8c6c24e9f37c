"""Drafting a plan and the indicator library. Included inside the delivery_plans namespace, so no app_name here."""

from django.urls import path

from delivery_plans import drafting_views, indicator_views

urlpatterns = [
    path("plans/new/", drafting_views.plan_create, name="plan_create"),
    path("plans/<int:pk>/objectives/", drafting_views.objective_list, name="objective_list"),
    path("plans/<int:pk>/objectives/new/", drafting_views.objective_create, name="objective_create"),
    path("objectives/<int:pk>/edit/", drafting_views.objective_edit, name="objective_edit"),
    path("objectives/<int:pk>/remove/", drafting_views.objective_remove, name="objective_remove"),
    path("plans/<int:pk>/indicators/", drafting_views.plan_indicator_list, name="plan_indicator_list"),
    path("plans/<int:pk>/indicators/add/", drafting_views.plan_indicator_add, name="plan_indicator_add"),
    path("plan-indicators/<int:pk>/remove/", drafting_views.plan_indicator_remove, name="plan_indicator_remove"),
    path("plans/<int:pk>/targets/<int:year>/edit/", drafting_views.targets_edit, name="targets_edit"),
    path("plans/<int:pk>/delegations/", drafting_views.delegation_list, name="delegation_list"),
    path("plans/<int:pk>/delegations/new/", drafting_views.delegation_create, name="delegation_create"),
    path("delegations/<int:pk>/edit/", drafting_views.delegation_edit, name="delegation_edit"),
    path("delegations/<int:pk>/remove/", drafting_views.delegation_remove, name="delegation_remove"),
    path("indicators/", indicator_views.indicator_list, name="indicator_list"),
    path("indicators/new/", indicator_views.indicator_create, name="indicator_create"),
    path("indicators/<int:pk>/", indicator_views.indicator_detail, name="indicator_detail"),
    path("indicators/<int:pk>/edit/", indicator_views.indicator_edit, name="indicator_edit"),
]
