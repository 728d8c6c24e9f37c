"""Every inspection readiness page's route, in the inspections namespace."""

from django.urls import path

from inspections.views import calendar, evidence, frameworks, improvement, inspections, readiness, reports, support

app_name = "inspections"

urlpatterns = [
    # Readiness and self-assessments
    path("", readiness.index, name="index"),
    path("almos/<int:almo_pk>/assessments/new/", readiness.assessment_start, name="assessment_start"),
    path("assessments/<int:pk>/", readiness.assessment_detail, name="assessment_detail"),
    path("answers/<int:pk>/", readiness.answer_edit, name="answer_edit"),
    # Frameworks
    path("frameworks/", frameworks.framework_list, name="framework_list"),
    path("frameworks/new/", frameworks.framework_create, name="framework_create"),
    path("frameworks/<int:pk>/", frameworks.framework_detail, name="framework_detail"),
    path("frameworks/<int:pk>/areas/new/", frameworks.area_add, name="area_add"),
    path("frameworks/<int:pk>/questions/new/", frameworks.question_add, name="question_add"),
    # Evidence library
    path("evidence/", evidence.evidence_list, name="evidence_list"),
    path("almos/<int:almo_pk>/evidence/new/", evidence.evidence_add, name="evidence_add"),
    path("evidence/<int:pk>/", evidence.evidence_detail, name="evidence_detail"),
    path("evidence/<int:pk>/versions/new/", evidence.evidence_add_version, name="evidence_add_version"),
    path("evidence/<int:pk>/remove/", evidence.evidence_remove, name="evidence_remove"),
    path("evidence/versions/<int:pk>/download/", evidence.evidence_download, name="evidence_download"),
    # Inspections of every kind
    path("inspections/", inspections.inspection_list, name="inspection_list"),
    path("inspections/new/", inspections.inspection_create, name="inspection_create"),
    path("inspections/<int:pk>/", inspections.inspection_detail, name="inspection_detail"),
    path("inspections/<int:pk>/edit/", inspections.inspection_edit, name="inspection_edit"),
    path("inspections/<int:pk>/report/", inspections.inspection_report, name="inspection_report"),
    # The regulatory calendar and its feed
    path("calendar/", calendar.calendar, name="calendar"),
    path("calendar/new/", calendar.calendar_entry_add, name="calendar_entry_add"),
    path("calendar/subscribe/", calendar.calendar_feed_settings, name="calendar_feed_settings"),
    path("calendar/feed/<str:key>.ics", calendar.calendar_feed, name="calendar_feed"),
    # The improvement plan
    path("actions/", improvement.action_list, name="action_list"),
    path("almos/<int:almo_pk>/actions/new/", improvement.action_create, name="action_create"),
    path("answers/<int:pk>/action/", improvement.action_from_gap, name="action_from_gap"),
    path("recommendations/<int:pk>/action/", improvement.action_from_recommendation, name="action_from_recommendation"),
    path("actions/<int:pk>/", improvement.action_detail, name="action_detail"),
    # The Support Framework and the deadline
    path("support/", support.support_list, name="support_list"),
    path("almos/<int:almo_pk>/support/new/", support.support_add, name="support_add"),
    path("almos/<int:almo_pk>/meetings/new/", support.meeting_add, name="meeting_add"),
    path("almos/<int:almo_pk>/deadline/", support.deadline, name="deadline"),
    path("extensions/<int:pk>/decide/", support.extension_decide, name="extension_decide"),
    # Readiness PDFs
    path("assessments/<int:pk>/reports/new/", reports.report_request, name="report_request"),
    path("reports/<int:pk>/", reports.report_detail, name="report_detail"),
    path("reports/<int:pk>/download/", reports.report_download, name="report_download"),
]
