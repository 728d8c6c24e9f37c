from rest_framework.routers import SimpleRouter

from delivery_plans.api import views

router = SimpleRouter()
router.register("indicators", views.IndicatorViewSet, basename="indicator")
router.register("plans", views.DeliveryPlanViewSet, basename="plan")
router.register("targets", views.TargetViewSet, basename="target")
router.register("returns", views.ReturnViewSet, basename="return")
router.register("actuals", views.ActualViewSet, basename="actual")
router.register("queries", views.QueryViewSet, basename="query")
router.register("amendments", views.AmendmentViewSet, basename="amendment")
router.register("concerns", views.ConcernViewSet, basename="concern")

urlpatterns = router.urls
