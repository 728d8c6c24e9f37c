"""The REST API, version 1, under /api/v1/. Each app's `api/urls.py` adds its resources.

API views inherit from `core.api.base`, which lets anonymous calls through Django's LoginRequiredMiddleware
so they get a JSON 401 rather than the sign-in page; the schema and its docs page are public, and any other address
under the API is a JSON 404.
"""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from core.api.base import not_found

app_name = "api"


def _apps_with_an_api() -> list[str]:
    """The portal's own apps (top-level folders of the project) that have an `api/urls.py`."""
    return [
        config.name
        for config in apps.get_app_configs()
        if Path(config.path).parent == Path(settings.BASE_DIR) and (Path(config.path) / "api" / "urls.py").exists()
    ]


urlpatterns = [
    # Every installed app of the portal with an `api/urls.py` adds its resources here.
    *(path("", include(f"{app}.api.urls")) for app in _apps_with_an_api()),
    path("schema/", login_not_required(SpectacularAPIView.as_view()), name="schema"),
    # The split view serves its start-up script as a file (`?script=`), so the page needs no inline script
    # under the Content-Security-Policy; the template links its few styles from /static/ as well.
    path(
        "docs/",
        login_not_required(SpectacularSwaggerSplitView.as_view(url_name="api:schema", template_name="api/docs.html")),
        name="docs",
    ),
    # Last: an address no resource matches (`returns/1.5/`, a path without its slash) is a JSON 404.
    re_path(r"", not_found),
]
