"""Every Delivery Plan page's route, in the delivery_plans namespace."""

from django.urls import path

from delivery_plans.views import amendments, concerns, drafting, imports, library, plans, queries, returns, review

app_name = "delivery_plans"

urlpatterns = [
    # Plans
    path("", plans.plan_list, name="plan_list"),
    path("plans/<int:pk>/", plans.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/sign/", plans.plan_sign, name="plan_sign"),
    path("plans/<int:pk>/targets/", plans.plan_targets, name="plan_targets"),
    path("plans/<int:pk>/versions/", plans.plan_versions, name="plan_versions"),
    # Returns, queries and review
    path("plans/<int:pk>/returns/start/", returns.return_start, name="return_start"),
    path("returns/<int:pk>/", returns.return_detail, name="return_detail"),
    path("returns/<int:pk>/edit/", returns.return_edit, name="return_edit"),
    path("returns/<int:pk>/check/", returns.return_check, name="return_check"),
    path("returns/to-complete/", returns.returns_to_complete, name="returns_to_complete"),
    path("returns/<int:pk>/accept/", returns.return_accept, name="return_accept"),
    path("actuals/<int:pk>/query/", queries.actual_query, name="actual_query"),
    path("queries/<int:pk>/answer/", queries.query_answer, name="query_answer"),
    path("review/", review.review_queue, name="review_queue"),
    path("variances/", review.variance_list, name="variance_list"),
    # Amendments and concerns
    path("plans/<int:pk>/amendments/new/", amendments.amendment_propose, name="amendment_propose"),
    path("amendments/", amendments.amendment_list, name="amendment_list"),
    path("amendments/<int:pk>/", amendments.amendment_detail, name="amendment_detail"),
    path("plans/<int:pk>/concerns/new/", concerns.concern_raise, name="concern_raise"),
    path("concerns/", concerns.concern_list, name="concern_list"),
    path("concerns/<int:pk>/", concerns.concern_detail, name="concern_detail"),
    # Imports: the template route has no trailing slash, so it never clashes with a token.
    path("plans/<int:pk>/import/", imports.actuals_import, name="actuals_import"),
    path("plans/<int:pk>/import/template.<str:fmt>", imports.actuals_import_template, name="actuals_import_template"),
    path("plans/<int:pk>/import/<str:token>/", imports.actuals_import_preview, name="actuals_import_preview"),
    # Drafting
    path("plans/new/", drafting.plan_create, name="plan_create"),
    path("plans/<int:pk>/objectives/", drafting.objective_list, name="objective_list"),
    path("plans/<int:pk>/objectives/new/", drafting.objective_create, name="objective_create"),
    path("objectives/<int:pk>/edit/", drafting.objective_edit, name="objective_edit"),
    path("objectives/<int:pk>/remove/", drafting.objective_remove, name="objective_remove"),
    path("plans/<int:pk>/indicators/", drafting.plan_indicator_list, name="plan_indicator_list"),
    path("plans/<int:pk>/indicators/add/", drafting.plan_indicator_add, name="plan_indicator_add"),
    path("plan-indicators/<int:pk>/remove/", drafting.plan_indicator_remove, name="plan_indicator_remove"),
    path("plans/<int:pk>/targets/<int:year>/edit/", drafting.targets_edit, name="targets_edit"),
    path("plans/<int:pk>/delegations/", drafting.delegation_list, name="delegation_list"),
    path("plans/<int:pk>/delegations/new/", drafting.delegation_create, name="delegation_create"),
    path("delegations/<int:pk>/edit/", drafting.delegation_edit, name="delegation_edit"),
    path("delegations/<int:pk>/remove/", drafting.delegation_remove, name="delegation_remove"),
    # The indicator library
    path("indicators/", library.indicator_list, name="indicator_list"),
    path("indicators/new/", library.indicator_create, name="indicator_create"),
    path("indicators/<int:pk>/", library.indicator_detail, name="indicator_detail"),
    path("indicators/<int:pk>/edit/", library.indicator_edit, name="indicator_edit"),
]
