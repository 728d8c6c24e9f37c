"""The agreements app's API resources, under /api/v1/agreements/; basenames start with the app's name."""

from rest_framework.routers import SimpleRouter

from agreements.api import views

router = SimpleRouter()
router.register("agreements/management-agreements", views.AgreementViewSet, basename="agreements-agreement")
router.register("agreements/delegated-functions", views.DelegatedFunctionViewSet, basename="agreements-function")
router.register("agreements/meetings", views.MeetingViewSet, basename="agreements-meeting")
router.register("agreements/actions", views.ActionViewSet, basename="agreements-action")
router.register("agreements/ladder-stages", views.StageViewSet, basename="agreements-stage")
router.register("agreements/interventions", views.InterventionViewSet, basename="agreements-intervention")

urlpatterns = router.urls
