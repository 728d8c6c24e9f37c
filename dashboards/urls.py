from django.urls import path

from dashboards import views

app_name = "dashboards"

urlpatterns = [
    path("", views.index, name="index"),
    path("councils/<slug:slug>/", views.council_dashboard, name="council"),
    path("almos/<slug:slug>/", views.almo_dashboard, name="almo"),
    path("almos/<slug:slug>/board/", views.board_dashboard, name="board"),
]
