"""What the app plugs into the shared screens: the board pack section, reminders, digest, home panel, navigation."""

import datetime as dt
from decimal import Decimal

import pytest

from core import registries
from core.reports import BOARD_PACK, ReportSource
from organisations.models import Notification
from tenants import notices, report_sections, services
from tests.tenants.conftest import make_survey, respondent, with_responses

pytestmark = pytest.mark.django_db


def _agreed(almo, staff, officer, year, tp01_answers):
    survey = make_survey(almo, staff, year=year)
    rows = [respondent(n, TP01=answer) for n, answer in enumerate(tp01_answers, start=1)]
    survey = with_responses(survey, staff, rows)
    services.survey_update(actor=staff, survey=survey, shortfall_reason="A small pilot survey.")
    services.survey_agree(actor=staff, survey=survey)
    return services.survey_agree(actor=officer, survey=survey)


def test_the_board_pack_shows_results_precision_and_the_trend(almo, council, almo_staff, council_officer):
    _agreed(almo, almo_staff, council_officer, 2024, ["1", "1", "4", "4"])  # 50.0%
    _agreed(almo, almo_staff, council_officer, 2025, ["1", "1", "1", "4"])  # 75.0%
    source = ReportSource(kind=BOARD_PACK, council=council, almo=almo, year=2026, quarter=3)
    data = report_sections.survey_results(source)
    [block] = data["surveys"]
    assert block["title"].endswith("2025/26") and block["agreed"]
    assert (block["meets"], block["further_needed"]) == (False, 550)
    tp01 = block["rows"][0]
    assert (tp01["value"], tp01["last_year"], tp01["change"]) == ("75.0%", "50.0%", "+25.0")
    sections = [s for s in registries.report_sections if s.report == BOARD_PACK and s.module.startswith("tenants")]
    assert sections and sections[0].title == "Tenant satisfaction"


def test_the_pack_section_keeps_to_its_almo(almo, sibling_almo, council, almo_staff, sibling_staff, council_officer):
    _agreed(sibling_almo, sibling_staff, council_officer, 2025, ["1"])
    source = ReportSource(kind=BOARD_PACK, council=council, almo=almo, year=2025, quarter=4)
    assert report_sections.survey_results(source) == {"surveys": []}


def test_reminders_are_sent_once_a_day_to_the_almos_staff(recommendation, almo_staff, council_officer):
    today = dt.date(2027, 1, 20)
    assert notices.send_recommendation_reminders(today) == 1
    assert notices.send_recommendation_reminders(today) == 0  # safe to run twice
    message = Notification.objects.get(user=almo_staff).message
    assert "is due on 25 January 2027" in message
    assert not Notification.objects.filter(user=council_officer).exists()
    # Responded to: nothing more to remind.
    services.recommendation_respond(actor=almo_staff, recommendation=recommendation, status="accepted", response="Yes")
    Notification.objects.all().delete()
    assert notices.send_recommendation_reminders(today) == 0


def test_digest_and_home_panel_say_what_waits(client, survey, almo_staff, council_officer, recommendation):
    survey = with_responses(survey, almo_staff, [respondent(n) for n in range(1, 600)])
    services.survey_agree(actor=almo_staff, survey=survey)
    today = dt.date(2027, 1, 20)
    assert notices.digest_lines(council_officer, today) == ["- 1 tenant survey waiting for you to agree the results"]
    assert notices.digest_lines(almo_staff, today) == ["- 1 tenants' recommendation waiting for a response"]
    client.force_login(council_officer)
    page = client.get("/").content.decode()
    assert "1 survey waiting for you to agree the results" in page
    assert "Tenant voice" in page  # the navigation entry and the panel


def test_tsm_results_is_empty_for_an_unagreed_or_missing_survey(almo, almo_staff, council_officer):
    from tenants.selectors import tsm_results

    assert tsm_results(almo, 2025) == {}
    _agreed(almo, almo_staff, council_officer, 2025, ["2", "2", "3"])
    assert tsm_results(almo, 2025)["TP01"].value == Decimal("66.7")
