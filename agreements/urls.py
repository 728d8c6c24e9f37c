"""Every agreements page's route, in the agreements namespace."""

from django.urls import path

from agreements.views import actions, agreements, interventions, meetings

app_name = "agreements"

urlpatterns = [
    # Management agreements
    path("", agreements.agreement_list, name="agreement_list"),
    path("new/", agreements.agreement_create, name="agreement_create"),
    path("<int:pk>/", agreements.agreement_detail, name="agreement_detail"),
    path("<int:pk>/edit/", agreements.agreement_edit, name="agreement_edit"),
    path("<int:pk>/agree/", agreements.agreement_agree, name="agreement_agree"),
    path("<int:pk>/new-version/", agreements.agreement_new_version, name="agreement_new_version"),
    path("<int:pk>/document/", agreements.agreement_document, name="agreement_document"),
    path("<int:pk>/<str:kind>/new/", agreements.part_form, name="part_add"),
    path("<int:pk>/<str:kind>/<int:part_pk>/", agreements.part_form, name="part_edit"),
    path("<int:pk>/<str:kind>/<int:part_pk>/remove/", agreements.part_remove, name="part_remove"),
    # Meetings
    path("meetings/", meetings.meeting_list, name="meeting_list"),
    path("meetings/new/<int:almo_pk>/", meetings.series_form, name="series_create"),
    path("meetings/series/<int:pk>/", meetings.series_detail, name="series_detail"),
    path("meetings/series/<int:pk>/edit/", meetings.series_form, name="series_edit"),
    path("meetings/series/<int:pk>/add-date/", meetings.meeting_schedule, name="meeting_schedule"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/agenda/", meetings.agenda_refresh, name="agenda_refresh"),
    path("meetings/<int:pk>/items/new/", meetings.agenda_item_add, name="agenda_item_add"),
    path("meetings/<int:pk>/minutes/", meetings.minutes_record, name="minutes_record"),
    path("meetings/<int:pk>/actions/new/", meetings.action_raise, name="action_raise"),
    path("actions/", actions.action_list, name="action_list"),
    path("actions/<int:pk>/", actions.action_detail, name="action_detail"),
    path("actions/<int:pk>/update/", actions.action_update, name="action_update"),
    # The intervention ladder
    path("interventions/", interventions.intervention_list, name="intervention_list"),
    path("interventions/new/", interventions.intervention_start, name="intervention_start"),
    path("interventions/<int:pk>/", interventions.intervention_detail, name="intervention_detail"),
    path("interventions/<int:pk>/escalate/", interventions.intervention_escalate, name="intervention_escalate"),
    path("interventions/<int:pk>/notices/new/", interventions.notice_serve, name="notice_serve"),
    path("interventions/<int:pk>/resolve/", interventions.intervention_close, name="intervention_close"),
    path("deadlines/<int:pk>/met/", interventions.deadline_met, name="deadline_met"),
    path("deadlines/<int:pk>/extend/", interventions.deadline_extend, name="deadline_extend"),
    path("notices/<int:pk>/respond/", interventions.notice_respond, name="notice_respond"),
]
