from django.urls import path
from rest_framework.routers import SimpleRouter

from benchmarking.api import views

router = SimpleRouter()
router.register("peer-groups", views.PeerGroupViewSet, basename="peer-group")

urlpatterns = [
    *router.urls,
    path("exports/benchmarking/", views.BenchmarkingExportView.as_view(), name="export-benchmarking"),
    path("exports/tsm/", views.TsmExportView.as_view(), name="export-tsm"),
]
