"""An app plugs into the shared screens through the registries alone: installing a test-only app that
registers a nav entry, a report section, a demo loader, a notice, an agenda source and figures for returns
shows it in each, with no change to any other app. Removing it removes them again.
"""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import modify_settings
from django.urls import reverse

from agreements.models import AgendaItem
from delivery_plans import services as plan_services
from reporting import services as report_services
from reporting.models import ReportRun
from tests.agreements.conftest import make_series
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


def _meeting_agenda(almo, council_officer, almo_staff) -> list[str]:
    from agreements import services as agreement_services

    series = make_series(almo, council_officer, almo_staff)
    meeting = agreement_services.meeting_schedule(actor=council_officer, series=series, held_on=dt.date(2026, 12, 10))
    return list(AgendaItem.objects.filter(meeting=meeting).values_list("title", flat=True))


def _bv212(plan, almo_staff):
    return_record = plan_services.return_open(actor=almo_staff, plan=plan, year=2025, quarter=1)
    return return_record.actuals.get(plan_indicator__indicator__code="BV212")


def test_the_agenda_source_adds_items_to_a_meetings_agenda(almo, council_officer, almo_staff, plugin_installed):
    assert f"Plugin item for {almo.name}" in _meeting_agenda(almo, council_officer, almo_staff)


def test_the_figure_source_fills_a_return_line(plan, almo, almo_staff, plugin_installed):
    line = _bv212(plan, almo_staff)
    assert line.value == 21 and line.supplied_by == f"From the plugin's records for {almo.name}"


def test_nothing_of_the_app_shows_once_it_is_gone(client, council_officer, capsys):
    client.force_login(council_officer)
    assert "Plugin records" not in client.get(reverse("home")).content.decode()
    from reporting.tasks import return_deadline_reminders_task

    return_deadline_reminders_task.delay().get()
    assert not any(message.subject == "Plugin reminder" for message in mail.outbox)


def test_no_agenda_items_or_figures_once_it_is_gone(plan, almo, council_officer, almo_staff):
    assert not any(title.startswith("Plugin item") for title in _meeting_agenda(almo, council_officer, almo_staff))
    line = _bv212(plan, almo_staff)
    assert line.value is None and line.supplied_by == ""
