from rest_framework.routers import SimpleRouter

from organisations.api import views

router = SimpleRouter()
router.register("councils", views.CouncilViewSet, basename="council")
router.register("almos", views.AlmoViewSet, basename="almo")

urlpatterns = router.urls
