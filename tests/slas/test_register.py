"""The SLA register through its pages: drafting, bad input, agreement by both parties, renegotiation and ending."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from organisations.models import Notification
from slas import services
from slas.models import ServiceLevelAgreement, SlaVersion
from tests.slas.conftest import make_sla

pytestmark = pytest.mark.django_db


def draft_data(almo, **overrides):
    data = {
        "almo": almo.pk,
        "service": "legal",
        "title": "Legal services",
        "provider_team": "Legal Services",
        "value_margin_percent": "10",
        "starts_on": "2026-04-01",
        "ends_on": "2029-03-31",
        "annual_charge": "72500",
        "charging_basis": "per_hour",
        "unit": "",
        "unit_rate": "85",
        "notice_months": "6",
        "review_date": "2027-03-31",
    }
    return {**data, **overrides}


def test_a_council_officer_drafts_an_sla_and_the_almo_is_asked_to_agree(client, almo, almo_staff, council_officer):
    client.force_login(council_officer)
    response = client.post(reverse("slas:sla_create"), draft_data(almo))
    sla = ServiceLevelAgreement.objects.get(title="Legal services")
    assert response.status_code == 302 and response.url == sla.get_absolute_url()
    assert sla.status == "draft" and sla.current_version is None
    version = sla.versions.get()
    assert (version.number, version.status, version.notice_by) == (1, "open", dt.date(2028, 9, 30))
    assert Notification.objects.filter(user=almo_staff, message__contains="drafted the Legal services SLA").exists()
    page = client.get(sla.get_absolute_url()).content.decode()
    assert "Draft terms: version 1" in page and "£85.00 per hour" in page
    assert sla.history.first().history_user == council_officer


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"ends_on": "2026-03-31"}, "ends_on", "The term must end after it starts"),
        ({"charging_basis": "per_unit", "unit": ""}, "unit", "Enter the unit the rate is charged for"),
        (
            {"charging_basis": "per_unit", "unit": "case", "unit_rate": ""},
            "unit_rate",
            "Enter the rate charged per unit",
        ),
        ({"charging_basis": "fixed"}, "unit_rate", "A fixed charge has no unit or rate"),
        ({"review_date": "2030-01-01"}, "review_date", "The review date must fall within the term"),
        ({"annual_charge": "lots"}, "annual_charge", "Enter the annual charge as a number"),
        ({"notice_months": "30"}, "notice_months", "Enter a notice period from 1 to 24 months"),
    ],
)
def test_bad_terms_are_named_and_nothing_is_saved(client, almo, council_officer, overrides, field, message):
    client.force_login(council_officer)
    response = client.post(reverse("slas:sla_create"), draft_data(almo, **overrides))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert any(message in error for error in errors[field]), errors
    assert not ServiceLevelAgreement.objects.exists() and not SlaVersion.objects.exists()


def test_a_second_sla_with_the_same_title_is_refused(client, sla, almo, council_officer):
    client.force_login(council_officer)
    response = client.post(reverse("slas:sla_create"), draft_data(almo, title=sla.title))
    assert response.status_code == 400
    assert "The ALMO already has an SLA with this title." in response.content.decode()
    assert ServiceLevelAgreement.objects.count() == 1


def test_terms_come_into_force_only_when_both_sides_agree(client, almo, almo_staff, council_officer):
    sla = make_sla(almo, almo_staff, council_officer, agree=False)
    client.force_login(council_officer)
    client.post(reverse("slas:terms_agree", args=[sla.pk]))
    sla.refresh_from_db()
    assert sla.status == "draft"
    # Changing the terms after the council agreed clears its agreement: nobody is held to terms they never saw.
    client.force_login(almo_staff)
    terms = {name: getattr(sla.versions.get(), name) for name in services.TERMS}
    response = client.post(
        reverse("slas:terms_edit", args=[sla.pk]), {**terms, "annual_charge": "150000", "unit_rate": "", "unit": ""}
    )
    assert response.status_code == 302
    version = sla.versions.get()
    assert version.council_agreed_at is None and version.annual_charge == Decimal("150000")
    assert Notification.objects.filter(user=council_officer, message__contains="both sides must agree").exists()
    client.post(reverse("slas:terms_agree", args=[sla.pk]))
    client.force_login(council_officer)
    client.post(reverse("slas:terms_agree", args=[sla.pk]))
    sla.refresh_from_db()
    assert sla.status == "in_force" and sla.current_version == version
    assert version.__class__.objects.get(pk=version.pk).status == "agreed"


def test_terms_without_standards_cannot_be_agreed(client, almo, council_officer):
    sla = services.sla_create(
        actor=council_officer,
        almo=almo,
        details={"service": "hr", "title": "HR", "provider_team": "People", "value_margin_percent": Decimal(10)},
        terms={
            "starts_on": dt.date(2026, 4, 1),
            "ends_on": dt.date(2027, 3, 31),
            "annual_charge": Decimal(1000),
            "charging_basis": "fixed",
            "notice_months": 3,
            "review_date": dt.date(2026, 10, 1),
        },
    )
    client.force_login(council_officer)
    response = client.post(reverse("slas:terms_agree", args=[sla.pk]), follow=True)
    assert "Add at least one service standard before agreeing the terms" in response.content.decode()
    assert sla.versions.get().council_agreed_at is None


def test_a_renegotiation_is_a_new_version_agreed_by_both(client, sla, almo_staff, council_officer):
    client.force_login(almo_staff)
    response = client.post(reverse("slas:renegotiate", args=[sla.pk]), {"reason": "A market test came in cheaper."})
    assert response.status_code == 302
    sla.refresh_from_db()
    assert sla.status == "under_review"
    version = sla.versions.get(number=2)
    assert version.standards.count() == 2 and version.status == "open"
    # The standards change with the terms being negotiated, never those in force.
    target = version.standards.get(title__startswith="Incidents")
    response = client.post(
        reverse("slas:standard_edit", args=[target.pk]),
        {
            "title": target.title,
            "description": "",
            "unit": "percentage",
            "polarity": "higher",
            "target": "97",
            "tolerance": "1",
        },
    )
    assert response.status_code == 302
    assert sla.current_version.standards.get(title__startswith="Incidents").target == Decimal("95.00")
    client.post(reverse("slas:terms_agree", args=[sla.pk]))
    client.force_login(council_officer)
    client.post(reverse("slas:terms_agree", args=[sla.pk]))
    sla.refresh_from_db()
    assert sla.status == "in_force" and sla.current_version.number == 2
    assert sla.versions.get(number=1).status == "superseded"
    assert sla.current_version.standards.get(title__startswith="Incidents").target == Decimal("97.00")


def test_standards_in_force_change_only_through_a_renegotiation(client, sla, almo_staff):
    client.force_login(almo_staff)
    in_force = sla.current_version.standards.first()
    response = client.post(reverse("slas:standard_remove", args=[in_force.pk]), follow=True)
    assert "Start a renegotiation to change them" in response.content.decode()
    assert sla.current_version.standards.count() == 2


def test_either_party_can_end_an_sla(client, sla, almo_staff, council_officer):
    client.force_login(council_officer)
    response = client.post(reverse("slas:sla_end", args=[sla.pk]), {"ended_on": "2027-03-31", "reason": ""})
    assert response.status_code == 400 and "Enter why it is ending" in response.content.decode()
    response = client.post(
        reverse("slas:sla_end", args=[sla.pk]), {"ended_on": "2027-03-31", "reason": "Brought in-house."}
    )
    assert response.status_code == 302
    sla.refresh_from_db()
    assert sla.status == "ended" and sla.ended_on == dt.date(2027, 3, 31)
    assert Notification.objects.filter(user=almo_staff, message__contains="ended the IT services SLA").exists()


def test_a_renegotiation_closed_without_agreement_leaves_the_terms_in_force(client, sla, almo_staff):
    services.renegotiation_start(actor=almo_staff, sla=sla, reason="Try a lower charge.")
    client.force_login(almo_staff)
    response = client.post(reverse("slas:renegotiation_withdraw", args=[sla.pk]))
    assert response.status_code == 302
    sla.refresh_from_db()
    assert sla.status == "in_force" and sla.current_version.number == 1
    assert sla.versions.get(number=2).status == "withdrawn"


def test_the_details_change_but_not_the_margin_beyond_100(client, sla, council_officer):
    client.force_login(council_officer)
    url = reverse("slas:sla_edit", args=[sla.pk])
    data = {"service": "it", "title": "ICT services", "provider_team": "Digital", "value_margin_percent": "150"}
    response = client.post(url, data)
    assert response.status_code == 400 and "Enter a margin from 0 to 100 per cent" in response.content.decode()
    assert client.post(url, {**data, "value_margin_percent": "5"}).status_code == 302
    sla.refresh_from_db()
    assert (sla.title, sla.value_margin_percent) == ("ICT services", Decimal("5.0"))


def test_the_api_agrees_terms_for_the_callers_side(api, almo, almo_staff, council_officer):
    sla = make_sla(almo, almo_staff, council_officer, agree=False)
    api.force_authenticate(council_officer)
    url = reverse("api:slas-sla-agree", args=[sla.pk])
    body = api.post(url, {}, format="json").json()
    assert body["status"] == "draft" and body["terms_being_negotiated"]["council_agreed_at"]
    assert api.post(url, {}, format="json").json() == {"non_field_errors": ["The council has already agreed this."]}
    api.force_authenticate(almo_staff)
    body = api.post(url, {}, format="json").json()
    assert body["status"] == "in_force" and body["terms"]["number"] == 1 and body["terms_being_negotiated"] is None
