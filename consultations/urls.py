"""Every consultations page's route, in the consultations namespace. `vote/` and `results/` need no account."""

from django.urls import path

from consultations.views import ballots, checklist, consultations, public

app_name = "consultations"

urlpatterns = [
    path("", consultations.consultation_list, name="consultation_list"),
    path("new/", consultations.consultation_create, name="consultation_create"),
    path("<int:pk>/", consultations.consultation_detail, name="consultation_detail"),
    path("<int:pk>/edit/", consultations.consultation_edit, name="consultation_edit"),
    path("<int:pk>/advance/", consultations.consultation_advance, name="consultation_advance"),
    path("<int:pk>/decide/", consultations.consultation_decide, name="consultation_decide"),
    path("<int:pk>/add/<slug:part>/", consultations.part_add, name="part_add"),
    path("remove/<slug:part>/<int:pk>/", consultations.part_remove, name="part_remove"),
    path("almos/<slug:slug>/founding/", consultations.founding_test_edit, name="founding_test_edit"),
    # The 2011 checklist
    path("<int:pk>/checklist/", checklist.checklist, name="checklist"),
    path("checklist/<int:pk>/", checklist.checklist_item, name="checklist_item"),
    path("checklist/<int:pk>/evidence/", checklist.evidence_download, name="evidence_download"),
    # Ballots
    path("<int:pk>/ballot/new/", ballots.ballot_create, name="ballot_create"),
    path("ballots/<int:pk>/", ballots.ballot_detail, name="ballot_detail"),
    path("ballots/<int:pk>/edit/", ballots.ballot_edit, name="ballot_edit"),
    path("ballots/<int:pk>/register/", ballots.tenancy_list, name="tenancy_list"),
    path("ballots/<int:pk>/register/import/", ballots.register_import, name="register_import"),
    path("tenancies/<int:pk>/reissue/", ballots.code_reissue, name="code_reissue"),
    path("ballots/<int:pk>/letters/", ballots.letters_request, name="letters_request"),
    path("letters/<int:pk>/download/", ballots.letters_download, name="letters_download"),
    path("ballots/<int:pk>/result.pdf", ballots.result_report, name="result_report"),
    path("ballots/<int:pk>/<slug:action>/", ballots.ballot_action, name="ballot_action"),
    # Public: tenants vote with the code on their letter, and find their receipt once the result is out.
    path("vote/<str:public_id>/", public.ballot_vote, name="ballot_vote"),
    path("results/<str:public_id>/", public.ballot_receipts, name="ballot_receipts"),
]
