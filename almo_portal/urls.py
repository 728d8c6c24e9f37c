from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path

from almo_portal.health import PortalHealthView
from organisations.forms import PasswordResetRequestForm, SignInForm
from organisations.views import home

admin.site.site_header = "ALMO Portal administration"
admin.site.site_title = "ALMO Portal"

health = login_not_required(
    PortalHealthView.as_view(
        checks=["health_check.checks.Database", "health_check.checks.Cache", "almo_portal.health.Broker"]
    )
)

urlpatterns = [
    path("", home, name="home"),
    path("", include("organisations.urls")),
    path("delivery-plans/", include("delivery_plans.urls")),
    path("benchmarking/", include("benchmarking.urls")),
    path("account/api-tokens/", include("api_access.urls")),
    path("api/v1/", include("almo_portal.api_urls")),
    path("reports/", include("reporting.urls")),
    path("sign-in/", auth_views.LoginView.as_view(authentication_form=SignInForm), name="login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password-reset/",
        auth_views.PasswordResetView.as_view(form_class=PasswordResetRequestForm),
        name="password_reset",
    ),
    path("password-reset/sent/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("password-reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("health/", health, name="health"),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
