"""The GOV.UK "service unavailable" page when the database is away, in-process (the real thing: test_harness.py)."""

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import reverse

from almo_portal.errors import database_unavailable

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_down(monkeypatch):
    """Every session lookup fails as it does while PostgreSQL restarts."""
    from django.contrib.sessions.backends.db import SessionStore

    def refused(self, *args, **kwargs):
        raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')

    monkeypatch.setattr(SessionStore, "load", refused)


def test_a_page_answers_503_service_unavailable_not_a_traceback(almo_staff, database_down):
    client = Client(raise_request_exception=False)
    client.cookies["sessionid"] = "x" * 32
    response = client.get(reverse("reporting:run_list"))
    page = response.content.decode()
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    assert '<h1 class="govuk-heading-l">Sorry, the service is unavailable</h1>' in page
    assert "it has not been saved, not even in part. Try again in a few minutes." in page
    assert "govuk-header" in page and "Traceback" not in page and "OperationalError" not in page


def test_the_api_answers_503_in_json(database_down):
    client = Client(raise_request_exception=False)
    client.cookies["sessionid"] = "x" * 32
    response = client.get("/api/v1/plans/")
    assert response.status_code == 503 and response["Content-Type"] == "application/json"
    assert response.json() == {
        "detail": "The service is unavailable for a few minutes. Nothing you sent has been saved. Try again later."
    }


def test_any_other_failure_is_still_the_500_page(almo_staff, monkeypatch):
    from reporting import views

    def broken(request):
        raise ValueError("a bug")

    monkeypatch.setattr(views, "_councils", broken)
    client = Client(raise_request_exception=False)
    client.force_login(almo_staff)
    response = client.get(reverse("reporting:run_list"))
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()


def test_a_database_error_wrapped_by_another_is_still_recognised():
    try:
        try:
            raise OperationalError("terminating connection due to administrator command")
        except OperationalError as error:
            raise RuntimeError("while rendering") from error
    except RuntimeError as wrapped:
        assert database_unavailable(wrapped)
    assert not database_unavailable(ValueError("no")) and not database_unavailable(None)
