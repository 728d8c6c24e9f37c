"""Anonymous callers are refused everywhere but a short, named public list (tests/security/sweep.py)."""

import pytest
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.urls import include, path

from tests.security.routes import routes
from tests.security.sweep import PUBLIC_ROUTES, sweep


@login_not_required
def leaky_view(request, pk):
    """A page someone forgot to protect: the sweep must notice it."""
    return HttpResponse(f"record {pk}")


# A test-only URLconf: the project's routes plus one unprotected page.
urlpatterns = [
    path("leak/<int:pk>/", leaky_view, name="test-leak"),
    path("", include("almo_portal.urls")),
]


@pytest.mark.django_db
def test_every_route_refuses_anonymous_callers_unless_it_is_public():
    open_routes, unreachable = sweep()
    assert not unreachable, f"the sweep cannot build an address for {[str(r) for r in unreachable]}"
    assert not open_routes, f"anonymous callers are let into {[str(r) for r in open_routes]}"


def test_the_public_list_names_only_routes_that_exist():
    keys = {route.key for route in routes()}
    assert set(PUBLIC_ROUTES) <= keys, f"public routes that no longer exist: {set(PUBLIC_ROUTES) - keys}"


def test_the_sweep_covers_every_route_of_the_project():
    found = routes()
    assert len(found) > 100
    assert {"delivery_plans:plan_detail", "api:plan-detail", "admin:index", "health"} <= {r.key for r in found}


@pytest.mark.django_db
def test_the_sweep_reports_an_unprotected_view_added_for_the_test(settings):
    settings.ROOT_URLCONF = __name__
    open_routes, unreachable = sweep()
    assert [route.key for route in open_routes] == ["test-leak"]
    assert not unreachable
