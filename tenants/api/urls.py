from rest_framework.routers import SimpleRouter

from tenants.api import views

router = SimpleRouter()
router.register("tenant-surveys", views.SurveyViewSet, basename="tenants-survey")
router.register("tenant-groups", views.InvolvementGroupViewSet, basename="tenants-group")

urlpatterns = router.urls
