from django.urls import path

from api_access import views

app_name = "api_access"

urlpatterns = [
    path("", views.token_list, name="token_list"),
    path("new/", views.token_create, name="token_create"),
    path("<int:pk>/", views.token_detail, name="token_detail"),
    path("<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
]
