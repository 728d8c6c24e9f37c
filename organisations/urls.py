from django.urls import path

from organisations import session_timeout, views

app_name = "organisations"

urlpatterns = [
    path("councils/", views.council_list, name="council_list"),
    path("councils/<slug:slug>/", views.council_detail, name="council_detail"),
    path("almos/", views.almo_list, name="almo_list"),
    path("almos/<slug:slug>/", views.almo_detail, name="almo_detail"),
    path("boards/", views.board_list, name="board_list"),
    path("boards/<slug:slug>/", views.board_detail, name="board_detail"),
    path("boards/<slug:slug>/interests/", views.interest_register, name="interest_register"),
    path("history/<str:app_label>/<str:model_name>/<int:pk>/", views.record_history, name="history"),
    path("switch-organisation/", views.switch_organisation, name="switch_organisation"),
    path("session/keep-alive/", session_timeout.keep_alive, name="keep_alive"),
]
