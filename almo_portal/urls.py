from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path

from almo_portal.health import PortalHealthView
from organisations.forms import PasswordResetRequestForm
from organisations.sign_in import SignInView
from organisations.views import home

# A database that is briefly away gets the "service unavailable" page (503), any other failure the 500 page.
handler500 = "almo_portal.errors.server_error"

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
    # Each app that has pages names its prefix on its AppConfig (`url_prefix`), so adding one edits no list here.
    *(
        path(config.url_prefix, include(f"{config.name}.urls"))
        for config in apps.get_app_configs()
        if getattr(config, "url_prefix", None)
    ),
    path("api/v1/", include("almo_portal.api_urls")),
    path("sign-in/", SignInView.as_view(), name="login"),
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
