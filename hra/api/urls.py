from rest_framework.routers import SimpleRouter

from hra.api import views

# Prefixed with the app's name, so no path or route name clashes with another app's resources.
router = SimpleRouter()
router.register("hra/years", views.HraYearViewSet, basename="hra-year")
router.register("hra/lines", views.HraLineViewSet, basename="hra-line")
router.register("hra/allocations", views.AllocationViewSet, basename="hra-allocation")
router.register("hra/receipts", views.CapitalReceiptViewSet, basename="hra-receipt")
router.register("hra/programmes", views.ProgrammeViewSet, basename="hra-programme")
router.register("hra/reprofiles", views.ReprofileViewSet, basename="hra-reprofile")
router.register("hra/stock-conditions", views.StockConditionViewSet, basename="hra-stock-condition")
router.register("hra/investment-plans", views.InvestmentPlanViewSet, basename="hra-investment-plan")

urlpatterns = router.urls
