from django.urls import path

from reporting import views

app_name = "reporting"

urlpatterns = [
    path("", views.run_list, name="run_list"),
    path("<int:pk>/", views.run_detail, name="run_detail"),
    path("<int:pk>/status/", views.run_status, name="run_status"),
    path("<int:pk>/download/", views.run_download, name="run_download"),
    path("<int:pk>/retry/", views.run_retry, name="run_retry"),
    path("request/return/<int:pk>/", views.request_return, name="request_return"),
    path("request/council-variance/", views.request_council_variance, name="request_council_variance"),
    path("request/board-pack/", views.request_board_pack, name="request_board_pack"),
    path("request/meeting-pack/<int:pk>/", views.request_meeting_pack, name="request_meeting_pack"),
    path(
        "request/consultation-report/<int:pk>/", views.request_consultation_report, name="request_consultation_report"
    ),
    path("notifications/", views.notification_list, name="notification_list"),
]
