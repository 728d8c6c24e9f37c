from rest_framework.routers import SimpleRouter

from slas.api import views

router = SimpleRouter()
router.register("slas", views.SlaViewSet, basename="slas-sla")
router.register("sla-results", views.ResultViewSet, basename="slas-result")
router.register("sla-benchmarks", views.BenchmarkViewSet, basename="slas-benchmark")
router.register("sla-disputes", views.DisputeViewSet, basename="slas-dispute")

urlpatterns = router.urls
