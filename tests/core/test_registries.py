"""An app plugs into the shared screens through the registries alone: installing a test-only app that
registers a nav entry, a report section, a demo loader and a notice shows it in all four, with no
change to any other app. Removing it removes them again.
"""

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import modify_settings
from django.urls import reverse

from reporting import services as report_services
from reporting.models import ReportRun
from tests.plugin_app import plugin
from tests.reporting.conftest import pdf_text


@pytest.fixture
def plugin_installed(settings):
    settings.ROOT_URLCONF = "tests.plugin_app.root_urls"
    with modify_settings(INSTALLED_APPS={"append": "tests.plugin_app"}):
        yield
    plugin.LOADED.clear()


def test_the_nav_entry_shows_and_leads_to_the_app(client, council_officer, plugin_installed):
    client.force_login(council_officer)
    home = client.get(reverse("home")).content.decode()
    assert 'href="/plugin/"' in home and "Plugin records" in home
    assert client.get("/plugin/").content == b"Plugin records"


def test_the_report_section_is_in_the_pdf(
    client, council, council_officer, plugin_installed, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run = report_services.report_request_council_variance(
            actor=council_officer, council=council, year=2025, quarter=1
        )
    run.refresh_from_db()
    assert run.status == ReportRun.Status.DONE, run.error
    client.force_login(council_officer)
    text, _pages = pdf_text(b"".join(client.get(reverse("reporting:run_download", args=[run.pk])).streaming_content))
    assert "Plugin section for Northmoor Council, Q1 2025/26." in text


def test_the_demo_loader_runs_and_prints_its_sign_ins(db, plugin_installed, capsys):
    call_command("load_demo_data")
    assert plugin.LOADED == ["plugin demo"]
    out = capsys.readouterr().out
    assert "plugin.person" in out and "Plugin records" in out


def test_the_reminder_and_digest_lines_are_sent(council_officer, plugin_installed):
    from reporting.tasks import daily_digest_task, return_deadline_reminders_task

    assert return_deadline_reminders_task.delay().get() >= 1
    assert any(message.subject == "Plugin reminder" for message in mail.outbox)
    mail.outbox.clear()
    daily_digest_task.delay().get()
    digest = next(message for message in mail.outbox if message.to == [council_officer.email])
    assert "1 plugin record waiting for you" in digest.body


def test_nothing_of_the_app_shows_once_it_is_gone(client, council_officer, capsys):
    client.force_login(council_officer)
    assert "Plugin records" not in client.get(reverse("home")).content.decode()
    from reporting.tasks import return_deadline_reminders_task

    return_deadline_reminders_task.delay().get()
    assert not any(message.subject == "Plugin reminder" for message in mail.outbox)
