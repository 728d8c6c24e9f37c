"""The national data set command: it makes what it says, and the council dashboard costs the same queries on it
whatever its size (dashboards/national_data.py)."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dashboards import national_data
from delivery_plans.models import Actual, Indicator, Return
from hra.models import DecentHomesProgramme
from organisations.models import Almo, Council
from slas.models import StandardResult

pytestmark = pytest.mark.django_db
YEARS = 2


@pytest.fixture(autouse=True)
def _one_factor(settings):
    # The dashboards, not the sign-in, are under test: people sign in with force_login.
    settings.TWO_FACTOR_REQUIRED = False


def _dashboard_queries(client) -> int:
    council = national_data.national_councils().order_by("slug").first()
    officer = get_user_model().objects.get(memberships__council=council, memberships__role="council_officer")
    client.force_login(officer)
    url = reverse("dashboards:council", args=[council.slug])
    assert client.get(url).status_code == 200  # warm: the first request fills per-process caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert "National Test Homes 01" in response.content.decode()
    return len(queries)


def test_builds_what_it_says_and_the_dashboard_costs_the_same_at_double_the_size(client):
    call_command("build_national_data", scale=0.02, years=YEARS)
    indicators = Indicator.objects.library().count() + national_data.LOCAL_INDICATORS
    assert (Council.objects.count(), Almo.objects.count()) == (1, 1)
    # Each sent quarter and this quarter's draft; a line per indicator on each.
    assert Return.objects.count() == YEARS * 4 + 1
    assert Actual.objects.count() == (YEARS * 4 + 1) * indicators
    red_or_amber = Actual.objects.filter(rag__in=["red", "amber"])
    assert red_or_amber.exists()
    assert not red_or_amber.filter(why="").exists(), "every red and amber line has commentary"
    assert DecentHomesProgramme.objects.exists() and StandardResult.objects.exists()
    assert national_data.exists(0.02, YEARS)
    small = _dashboard_queries(client)

    call_command("build_national_data", scale=0.04, years=YEARS, flush=True)
    assert (Council.objects.count(), Almo.objects.count()) == (2, 3)
    assert Almo.objects.filter(council=national_data.national_councils().order_by("slug").first()).count() == 2
    assert _dashboard_queries(client) == small


def test_flush_removes_the_set_and_nothing_else(client):
    call_command("build_national_data", scale=0.02, years=1)
    national_data.flush(log=lambda line: None)
    assert not national_data.national_councils().exists()
    assert not get_user_model().objects.filter(username__startswith=national_data.USER_PREFIX).exists()
    assert Indicator.objects.library().exists()
