from django.urls import include, path

from delivery_plans import views

app_name = "delivery_plans"

urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/sign/", views.plan_sign, name="plan_sign"),
    path("plans/<int:pk>/targets/", views.plan_targets, name="plan_targets"),
    path("plans/<int:pk>/versions/", views.plan_versions, name="plan_versions"),
    path("plans/<int:pk>/returns/start/", views.return_start, name="return_start"),
    path("plans/<int:pk>/amendments/new/", views.amendment_propose, name="amendment_propose"),
    path("plans/<int:pk>/concerns/new/", views.concern_raise, name="concern_raise"),
    path("returns/<int:pk>/", views.return_detail, name="return_detail"),
    path("returns/<int:pk>/edit/", views.return_edit, name="return_edit"),
    path("returns/<int:pk>/resubmit/", views.return_resubmit, name="return_resubmit"),
    path("returns/<int:pk>/accept/", views.return_accept, name="return_accept"),
    path("actuals/<int:pk>/query/", views.actual_query, name="actual_query"),
    path("queries/<int:pk>/answer/", views.query_answer, name="query_answer"),
    path("review/", views.review_queue, name="review_queue"),
    path("variances/", views.variance_list, name="variance_list"),
    path("amendments/", views.amendment_list, name="amendment_list"),
    path("amendments/<int:pk>/", views.amendment_detail, name="amendment_detail"),
    path("concerns/", views.concern_list, name="concern_list"),
    path("concerns/<int:pk>/", views.concern_detail, name="concern_detail"),
    path("", include("delivery_plans.import_urls")),
    path("", include("delivery_plans.drafting_urls")),
]
