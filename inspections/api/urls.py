from rest_framework.routers import SimpleRouter

from inspections.api import views

router = SimpleRouter()
router.register("inspections/frameworks", views.FrameworkViewSet, basename="inspections-framework")
router.register("inspections/assessments", views.AssessmentViewSet, basename="inspections-assessment")
router.register("inspections/answers", views.AnswerViewSet, basename="inspections-answer")
router.register("inspections/evidence", views.EvidenceViewSet, basename="inspections-evidence")
router.register("inspections/inspections", views.InspectionViewSet, basename="inspections-inspection")
router.register("inspections/actions", views.ImprovementActionViewSet, basename="inspections-action")
router.register("inspections/support", views.SupportRecordViewSet, basename="inspections-support")

urlpatterns = router.urls
