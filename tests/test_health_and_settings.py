"""The health endpoint, and production settings that refuse to start half-configured."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
def test_health_reports_database_cache_and_broker(client):
    response = client.get(reverse("health"), {"format": "json"})
    assert response.status_code == 200
    assert set(response.json()) == {"Database(alias='default')", "Cache(alias='default')", "Broker()"}
    assert set(response.json().values()) == {"OK"}


@pytest.mark.django_db
def test_health_fails_when_the_broker_is_unreachable(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    response = client.get(reverse("health"), {"format": "json"})
    assert response.status_code == 500
    assert "Cannot reach the Celery broker" in response.json()["Broker()"]


@pytest.mark.django_db
def test_health_is_a_small_page_in_a_browser(client):
    response = client.get(reverse("health"), HTTP_ACCEPT="text/html,application/xhtml+xml,*/*;q=0.8")
    page = response.content.decode()
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert '<h1 class="govuk-heading-l">Service status</h1>' in page and "Everything is working." in page
    assert "Background tasks (the Celery broker)" in page and "Not working" not in page


@pytest.mark.django_db
def test_health_page_says_what_is_not_working(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    response = client.get(reverse("health"), HTTP_ACCEPT="text/html")
    assert response.status_code == 500
    assert "Part of ALMO Portal is not working" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("accept", ["application/json", "image/png", "application/vnd.monitor+json"])
def test_health_answers_json_to_monitors_whatever_accept_says(client, accept):
    response = client.get(reverse("health"), HTTP_ACCEPT=accept)
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert set(response.json().values()) == {"OK"}


@pytest.mark.django_db
def test_the_footer_links_to_the_status_page(client):
    assert f'href="{reverse("health")}"' in client.get(reverse("login")).content.decode()


def run_manage(*args, **env):
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith("DJANGO_") and key != "CELERY_BROKER_URL"
    }
    environment.update(DJANGO_SETTINGS_MODULE="almo_portal.settings.production", DJANGO_READ_DOT_ENV="false", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", DJANGO_ALLOWED_HOSTS="portal.example.org")
    assert result.returncode != 0
    assert "Set DJANGO_SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_manage("check", DJANGO_SECRET_KEY="x" * 60, CELERY_BROKER_URL="redis://127.0.0.1:6379/0")
    assert result.returncode != 0
    assert "Set DJANGO_ALLOWED_HOSTS" in result.stderr


def test_production_passes_the_deployment_checks():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY="k7#Qp2!vX9zLm4@rT8wYc1&nB6^hJ3*eF5(uD0)sG-aZ_oKiPqWvE",
        DJANGO_ALLOWED_HOSTS="portal.example.org",
        CELERY_BROKER_URL="redis://127.0.0.1:6379/0",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_celery_broker():
    """In-process tasks are for the embedded default; in production a web request never draws a PDF."""
    result = run_manage("check", DJANGO_SECRET_KEY="x" * 60, DJANGO_ALLOWED_HOSTS="portal.example.org")
    assert result.returncode != 0
    assert "Set CELERY_BROKER_URL" in result.stderr
