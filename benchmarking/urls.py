from django.urls import path

from benchmarking import views

app_name = "benchmarking"

urlpatterns = [
    path("", views.index, name="index"),
    path("compare/", views.compare, name="compare"),
]
