"""Decent Homes as people use it: the programme agreed by both, spend reported against profile, a re-profile the ALMO
proposes and the council agrees, the sustainability cap, and the stock position at 31 March."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from hra import selectors
from hra.models import DecentHomesProgramme, ProgrammeQuarter, ReprofileRequest, StockCondition
from organisations.models import Notification
from tests.hra.conftest import make_programme, make_stock

pytestmark = pytest.mark.django_db
D = Decimal
PROFILE = {"profile_q1": "200000", "profile_q2": "250000", "profile_q3": "300000", "profile_q4": "250000"}


def test_the_council_sets_a_programme_and_both_agree_it(client, council_officer, almo_staff, almo):
    client.force_login(council_officer)
    response = client.post(
        reverse("hra:programme_create"),
        {"almo": almo.pk, "year": "2026", "allocation": "1,000,000", "sustainability_cap_percent": "5",
         "tolerance_percent": "10", **PROFILE},
    )  # fmt: skip
    programme = DecentHomesProgramme.objects.get()
    assert response.url == programme.get_absolute_url()
    assert [q.profile for q in programme.quarters.all()] == [D(200000), D(250000), D(300000), D(250000)]
    client.post(reverse("hra:programme_agree", args=[programme.pk]))
    client.force_login(almo_staff)
    client.post(reverse("hra:programme_agree", args=[programme.pk]))
    programme.refresh_from_db()
    assert programme.agreed_by_both


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"allocation": "-1"}, "cannot be negative"),
        ({"profile_q4": "350000"}, "adds up to £1,100,000, more than the allocation of £1,000,000"),
        ({"sustainability_cap_percent": "101"}, "percentage from 0 to 100"),
    ],
)
def test_a_bad_programme_is_refused(client, council_officer, almo, changes, message):
    client.force_login(council_officer)
    data = {"almo": almo.pk, "year": "2026", "allocation": "1000000", "sustainability_cap_percent": "5",
            "tolerance_percent": "10", **PROFILE, **changes}  # fmt: skip
    response = client.post(reverse("hra:programme_create"), data)
    assert response.status_code == 400
    assert message in response.content.decode().replace("&#x27;", "'")
    assert not DecentHomesProgramme.objects.exists()


def test_the_almo_reports_spend_and_slippage_needs_commentary(client, almo_staff, programme):
    q1 = programme.quarters.get(quarter=1)
    client.force_login(almo_staff)
    url = reverse("hra:quarter_report", args=[q1.pk])
    response = client.post(url, {"spend": "150000"})  # 25 per cent behind: red
    assert response.status_code == 400 and "red against the profile" in response.content.decode()
    client.post(url, {"spend": "150000", "sustainability_spend": "10000", "commentary": "Asbestos surveys."})
    q1.refresh_from_db()
    assert q1.spend == D(150000) and q1.sustainability_spend == D(10000)
    page = client.get(programme.get_absolute_url()).content.decode()
    assert "govuk-tag--red" in page and "Asbestos surveys." in page


def test_sustainability_above_the_cap_is_flagged(programme):
    ProgrammeQuarter.objects.filter(programme=programme, quarter=1).update(
        spend=D(200000), sustainability_spend=D(60000)
    )
    rows = selectors.programme_rows(programme, list(programme.quarters.all()))
    flags = [flag.message for flag in selectors.programme_checks(programme, rows)]
    assert any("above the cap of £50,000 (5 per cent of the allocation)" in flag for flag in flags)


def test_the_almo_proposes_a_reprofile_that_the_council_agrees(client, almo_staff, council_officer, programme):
    ProgrammeQuarter.objects.filter(programme=programme, quarter=1).update(spend=D(200000))
    client.force_login(almo_staff)
    response = client.post(
        reverse("hra:reprofile_propose", args=[programme.pk]),
        {"new_q1": "200000", "new_q2": "150000", "new_q3": "300000", "new_q4": "350000", "reason": "Scaffolding"},
    )
    reprofile = ReprofileRequest.objects.get()
    assert response.url == reprofile.get_absolute_url()
    assert Notification.objects.filter(user=council_officer, link=reprofile.get_absolute_url()).exists()
    assert "Agree the re-profile" not in client.get(reprofile.get_absolute_url()).content.decode()
    client.force_login(council_officer)
    assert "Agree the re-profile" in client.get(reprofile.get_absolute_url()).content.decode()
    client.post(reprofile.get_absolute_url(), {"agree": "", "reason": ""})
    reprofile.refresh_from_db()
    assert reprofile.status == "agreed"
    assert [q.profile for q in programme.quarters.all()] == [D(200000), D(150000), D(300000), D(350000)]
    assert Notification.objects.filter(user=almo_staff, message__contains="The profile has changed").exists()


@pytest.mark.parametrize(
    ("new", "field", "message"),
    [
        ({"new_q4": "400000"}, None, "adds up to £1,150,000, more than the allocation of £1,000,000"),
        ({"new_q1": "100000", "new_q4": "350000"}, "new_q1", "Q1 has its spend reported"),
        ({"new_q2": "-5"}, "new_q2", "cannot be negative"),
    ],
)
def test_a_reprofile_that_moves_too_much_is_refused(client, almo_staff, programme, new, field, message):
    ProgrammeQuarter.objects.filter(programme=programme, quarter=1).update(spend=D(200000))
    client.force_login(almo_staff)
    data = {"new_q1": "200000", "new_q2": "250000", "new_q3": "300000", "new_q4": "250000", "reason": "Why", **new}
    response = client.post(reverse("hra:reprofile_propose", args=[programme.pk]), data)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert message in " ".join(errors[field or "__all__"])
    assert not ReprofileRequest.objects.exists()


def test_declining_needs_a_reason_and_the_proposer_cannot_decide(client, almo_staff, council_officer, programme):
    from tests.hra.conftest import make_reprofile

    reprofile = make_reprofile(programme, almo_staff, new_q2="200000", new_q3="350000")
    client.force_login(almo_staff)
    assert client.post(reprofile.get_absolute_url(), {"agree": ""}).status_code == 400
    client.force_login(council_officer)
    response = client.post(reprofile.get_absolute_url(), {"decline": "", "reason": ""})
    assert response.status_code == 400 and "Say why you are declining" in response.content.decode()
    client.post(reprofile.get_absolute_url(), {"decline": "", "reason": "Keep to the contract dates."})
    reprofile.refresh_from_db()
    assert reprofile.status == "declined"
    assert programme.quarters.get(quarter=2).profile == D(250000)


def test_the_profile_of_an_agreed_programme_changes_only_by_reprofile(client, council_officer, programme):
    client.force_login(council_officer)
    response = client.post(
        reverse("hra:programme_edit", args=[programme.pk]),
        {"allocation": "1000000", "sustainability_cap_percent": "5", "tolerance_percent": "10", **PROFILE,
         "profile_q1": "100000", "profile_q4": "350000"},
    )  # fmt: skip
    assert response.status_code == 400 and "propose a re-profile" in response.content.decode()


def test_the_31_march_position_follows_from_the_movements(client, almo_staff, almo):
    client.force_login(almo_staff)
    data = {
        "year": "2025", "homes_at_start": "5000", "non_decent_at_start": "800", "failing_a": "50",
        "failing_b": "400", "failing_c": "250", "failing_d": "300", "made_decent": "300", "became_non_decent": "60",
        "tenant_refusals": "20", "demolitions": "10", "demolitions_non_decent": "10", "right_to_buy_sales": "15",
        "right_to_buy_non_decent": "2",
    }  # fmt: skip
    response = client.post(reverse("hra:stock_create"), data)
    stock = StockCondition.objects.get()
    assert response.url == stock.get_absolute_url()
    assert stock.homes_at_end == 4975 and stock.non_decent_at_end == 548
    page = client.get(stock.get_absolute_url()).content.decode()
    assert "<strong>4975</strong>" in page and "<strong>548</strong>" in page
    assert "11.0%" in page  # RP01: 548 of 4,975


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"non_decent_at_start": "6000"}, "non_decent_at_start", "cannot be more than the homes at 1 April"),
        ({"failing_b": "100", "failing_c": "100", "failing_d": "100"}, "failing_a", "at least the non-decent homes"),
        ({"made_decent": "900"}, "made_decent", "More non-decent homes were made decent"),
        ({"tenant_refusals": "600"}, "tenant_refusals", "stay non-decent"),
        ({"demolitions_non_decent": "11"}, "demolitions_non_decent", "cannot be more than the homes themselves"),
        ({"made_decent": "-1"}, "made_decent", "enter 0 or more"),
    ],
)
def test_stock_that_does_not_add_up_is_refused(client, almo_staff, stock, changes, field, message):
    client.force_login(almo_staff)
    data = {f.name: getattr(stock, f.name) for f in StockCondition._meta.concrete_fields[3:]} | changes
    response = client.post(reverse("hra:stock_edit", args=[stock.pk]), data)
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    stock.refresh_from_db()
    assert stock.made_decent == 300


def test_decency_figures_and_the_forecast_date(almo):
    first = make_stock(almo, 2024, homes_at_start=5000, non_decent_at_start=1000, failing_b=1000, made_decent=300,
                       became_non_decent=0, demolitions=0, demolitions_non_decent=0, right_to_buy_sales=0,
                       right_to_buy_non_decent=0, tenant_refusals=0)  # fmt: skip
    second = make_stock(almo, 2025, homes_at_start=5000, non_decent_at_start=700, failing_b=700, made_decent=200,
                        became_non_decent=0, demolitions=0, demolitions_non_decent=0, right_to_buy_sales=0,
                        right_to_buy_non_decent=0, tenant_refusals=0)  # fmt: skip
    figures = selectors.decency_figures(second, spend=D("1900000"))
    assert (figures["BV184a"], figures["RP01"], figures["BV184b"]) == (D("14.0"), D("10.0"), D("28.6"))
    assert figures["cost_per_home"] == D("9500.00")
    # 500 left, falling by 250 a year on average: two more years.
    assert selectors.full_decency_forecast([first, second]) == dt.date(2028, 3, 31)
    assert selectors.full_decency_forecast([make_stock(almo, 2030, made_decent=0, became_non_decent=100)]) is None


def test_the_programme_page_shows_cost_per_home(client, council_officer, programme, almo):
    ProgrammeQuarter.objects.filter(programme=programme).update(spend=D(250000))
    make_stock(almo, 2026, made_decent=100)
    client.force_login(council_officer)
    page = client.get(programme.get_absolute_url()).content.decode()
    assert "£10,000" in page  # £1,000,000 spent on 100 homes


def test_spend_waits_for_the_programme_to_be_agreed(client, almo_staff, almo):
    programme = make_programme(almo, year=2027, agreed=False)
    client.force_login(almo_staff)
    response = client.post(reverse("hra:quarter_report", args=[programme.quarters.get(quarter=1).pk]), {"spend": "1"})
    assert response.status_code == 400 and "Both sides must agree the programme" in response.content.decode()
