"""The HRA in the shared screens: report sections, the home panel, reminders and the daily digest."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from core import registries
from core.reports import BOARD_PACK, COUNCIL_VARIANCE, ReportSource
from hra import notices, report_sections
from hra.models import HraLine
from organisations.models import Notification
from tests.hra.conftest import make_allocation, make_programme, make_reprofile, make_stock, make_year

pytestmark = pytest.mark.django_db
D = Decimal


def test_the_sections_are_registered_for_both_reports():
    sections = {(s.report, s.title) for s in registries.report_sections if s.module.startswith("hra")}
    assert (COUNCIL_VARIANCE, "Housing Revenue Account") in sections
    assert (COUNCIL_VARIANCE, "Decent Homes programmes") in sections
    assert (BOARD_PACK, "Management fee and HRA lines") in sections
    assert (BOARD_PACK, "Decent Homes programme") in sections


def test_the_council_variance_report_shows_red_lines_with_commentary(council, hra_year, lines, allocation):
    HraLine.objects.filter(pk=lines["repairs"].pk).update(forecast_q2=D(2800000), commentary="Storm damage.")
    data = report_sections.council_hra(ReportSource(COUNCIL_VARIANCE, council, year=2026, quarter=2))
    assert data["measure"] == "forecast at the end of Q2"
    assert [row["name"] for row in data["lines"]] == ["Repairs: Northmoor Homes"]
    row = data["lines"][0]
    assert (row["rag"], row["variance_text"], row["commentary"]) == ("red", "£300,000", "Storm damage.")
    assert data["totals"][3] == {
        "label": "Working balance at 31 March",
        "budget": "£5,200,000",
        "forecast": "£4,900,000",
    }
    sheet = report_sections.hra_sheets(data)[0]
    assert sheet[2][0][3] == D(2500000)  # numbers stay numbers in the spreadsheet
    missing = report_sections.council_hra(ReportSource(COUNCIL_VARIANCE, council, year=2030, quarter=1))
    assert missing["has_data"] is False


def test_the_board_pack_shows_its_almos_fee_and_programme(council, almo, sibling_almo, allocation, programme, stock):
    make_programme(sibling_almo)
    make_stock(almo, 2026)
    source = ReportSource(BOARD_PACK, council, almo=almo, year=2026, quarter=2)
    fee = report_sections.almo_allocation(source)
    assert fee["fee"] == "£3,000,000" and fee["agreed"] and len(fee["lines"]) == 2
    programmes = report_sections.decent_homes(source)["programmes"]
    assert [p["almo"] for p in programmes] == ["Northmoor Homes"]
    assert programmes[0]["RP01"] == D("11.0")
    every = report_sections.decent_homes(ReportSource(COUNCIL_VARIANCE, council, year=2026, quarter=2))
    assert len(every["programmes"]) == 2


def test_the_home_panel_for_each_role(client, council_officer, almo_staff, board_member, hra_year, lines, allocation,
                                      programme):  # fmt: skip
    for user, expected, hidden in (
        (council_officer, "Northmoor Council HRA 2026/27", None),
        (almo_staff, "Northmoor Homes: management fee £3,000,000", "Northmoor Council HRA"),
        (board_member, "Decent Homes spend against profile", "Northmoor Council HRA"),
    ):
        client.force_login(user)
        page = client.get(reverse("home")).content.decode()
        assert expected in page, user.username
        if hidden:
            assert hidden not in page


def test_the_panel_counts_what_waits_for_you(client, almo_staff, council_officer, hra_year, almo, programme):
    make_allocation(hra_year, almo, agreed=False)
    make_reprofile(programme, council_officer, party="council", new_q2="200000", new_q3="350000")
    client.force_login(almo_staff)
    page = client.get(reverse("home")).content.decode()
    assert 'id="hra-to-agree"' in page and 'id="hra-to-decide"' in page
    assert notices.digest_lines(almo_staff, dt.date(2026, 11, 1)) == [
        "- 1 HRA allocation or Decent Homes programme waiting for your agreement",
        "- 1 re-profile of Decent Homes spend waiting for your decision",
    ]
    assert notices.digest_lines(council_officer, dt.date(2026, 11, 1)) == [
        "- 1 HRA allocation or Decent Homes programme waiting for your agreement",
    ]


def test_reminders_before_1_april_are_sent_once(council, almo, almo_staff, council_officer):
    hra_year = make_year(council, 2027)
    allocation = make_allocation(hra_year, almo, agreed=False)
    assert notices.send_agreement_reminders(dt.date(2027, 1, 20)) == 0  # more than 30 days before
    sent = notices.send_agreement_reminders(dt.date(2027, 3, 10))
    assert sent == 2  # the council's officer and the ALMO's staff
    assert notices.send_agreement_reminders(dt.date(2027, 3, 10)) == 0  # safe to run twice
    assert Notification.objects.filter(user=almo_staff, link=allocation.get_absolute_url()).count() == 1
    assert len(mail.outbox) == 2


def test_no_panel_for_someone_with_nothing_to_see(client, other_staff):
    client.force_login(other_staff)
    assert "Housing Revenue Account and Decent Homes," not in client.get(reverse("home")).content.decode()
