from django.urls import path

from organisations import views

app_name = "organisations"

urlpatterns = [
    path("councils/", views.CouncilListView.as_view(), name="council_list"),
    path("councils/<slug:slug>/", views.CouncilDetailView.as_view(), name="council_detail"),
    path("almos/", views.AlmoListView.as_view(), name="almo_list"),
    path("almos/<slug:slug>/", views.AlmoDetailView.as_view(), name="almo_detail"),
    path("boards/", views.BoardListView.as_view(), name="board_list"),
    path("boards/<slug:slug>/", views.BoardDetailView.as_view(), name="board_detail"),
    path("boards/<slug:slug>/interests/", views.InterestRegisterView.as_view(), name="interest_register"),
    path("history/<str:app_label>/<str:model_name>/<int:pk>/", views.record_history, name="history"),
    path("switch-organisation/", views.switch_organisation, name="switch_organisation"),
]
