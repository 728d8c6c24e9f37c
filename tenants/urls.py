"""Every tenant voice page's route, in the tenants namespace."""

from django.urls import path

from tenants.views import involvement, surveys

app_name = "tenants"

urlpatterns = [
    # Surveys and the perception measures
    path("surveys/", surveys.survey_list, name="survey_list"),
    path("surveys/new/", surveys.survey_create, name="survey_create"),
    path("surveys/<int:pk>/", surveys.survey_detail, name="survey_detail"),
    path("surveys/<int:pk>/edit/", surveys.survey_edit, name="survey_edit"),
    path("surveys/<int:pk>/import/", surveys.survey_import, name="survey_import"),
    path("surveys/<int:pk>/import/template.csv", surveys.survey_template, name="survey_template"),
    path("surveys/<int:pk>/counts/", surveys.survey_counts, name="survey_counts"),
    path("surveys/<int:pk>/agree/", surveys.survey_agree, name="survey_agree"),
    path("surveys/<int:pk>/results.csv", surveys.survey_export, name="survey_export"),
    # Involvement structures
    path("groups/", involvement.group_list, name="group_list"),
    path("groups/new/", involvement.group_create, name="group_create"),
    path("groups/<int:pk>/", involvement.group_detail, name="group_detail"),
    path("groups/<int:pk>/edit/", involvement.group_edit, name="group_edit"),
    path("groups/<int:pk>/members/new/", involvement.member_add, name="member_add"),
    path("members/<int:pk>/leave/", involvement.member_leave, name="member_leave"),
    path("groups/<int:pk>/meetings/new/", involvement.meeting_add, name="meeting_add"),
    path("groups/<int:pk>/recommendations/new/", involvement.recommendation_add, name="recommendation_add"),
    path("recommendations/<int:pk>/", involvement.recommendation_detail, name="recommendation_detail"),
    path("almos/<slug:slug>/board-places/", involvement.board_places, name="board_places"),
]
