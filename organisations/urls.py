from django.urls import path

from organisations import session_timeout, views
from organisations.two_factor import views as two_factor

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
    path("sign-in/code/", two_factor.verify, name="two_factor_verify"),
    path("account/two-factor/", two_factor.account, name="two_factor"),
    path("account/two-factor/set-up/", two_factor.set_up, name="two_factor_set_up"),
    path("account/two-factor/recovery-codes/", two_factor.recovery_codes, name="two_factor_recovery_codes"),
    path("account/two-factor/turn-off/", two_factor.remove, name="two_factor_remove"),
]
