"""Importing actuals from a file. Included inside the delivery_plans namespace, so no app_name here."""

from django.urls import path

from delivery_plans import import_views

urlpatterns = [
    path("plans/<int:pk>/import/", import_views.actuals_import, name="actuals_import"),
    path(
        "plans/<int:pk>/import/template.<str:fmt>", import_views.actuals_import_template, name="actuals_import_template"
    ),
    path("plans/<int:pk>/import/<str:token>/", import_views.actuals_import_preview, name="actuals_import_preview"),
]
