from rest_framework.routers import SimpleRouter

from consultations.api import views

router = SimpleRouter()
router.register("consultations", views.ConsultationViewSet, basename="consultations-consultation")
router.register("ballots", views.BallotViewSet, basename="consultations-ballot")

urlpatterns = router.urls
