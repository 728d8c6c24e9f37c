"""A quarter's performance against the standards in force: RAG through the variance engine, commentary where red or
amber, all or nothing, and a red standard flagged to the other side."""

from decimal import Decimal

import pytest
from django.urls import reverse

from organisations.models import Notification
from slas.models import StandardResult
from slas.services import field_name
from tests.slas.conftest import standard

pytestmark = pytest.mark.django_db


def figures(sla, year=2026, quarter=3, incidents="86", starters="4", commentary=None):
    incidents_standard, starters_standard = standard(sla, "Incidents"), standard(sla, "Days")
    data = {
        "year": year,
        "quarter": quarter,
        field_name(incidents_standard.pk, "actual"): incidents,
        field_name(starters_standard.pk, "actual"): starters,
    }
    for name, text in (commentary or {}).items():
        data[field_name(incidents_standard.pk, name)] = text
    return data


COMMENTARY = {
    "what_happened": "Incidents took longer to fix.",
    "why": "Two engineers left in October.",
    "action": "Agency engineers start in January.",
}


def test_an_almo_officer_records_a_quarter_and_a_red_standard_is_flagged(client, sla, almo_staff, council_officer):
    client.force_login(almo_staff)
    url = reverse("slas:results_record", args=[sla.pk])
    assert client.get(url).status_code == 200
    # 86% against 95 with a tolerance of 2 is red: commentary is needed, and nothing is saved without it.
    response = client.post(url, figures(sla))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Incidents fixed within 8 working hours is red: say what happened." in page
    assert not StandardResult.objects.exists()

    response = client.post(url, figures(sla, commentary=COMMENTARY))
    assert response.status_code == 302
    incidents = StandardResult.objects.get(standard__title__startswith="Incidents")
    starters = StandardResult.objects.get(standard__title__startswith="Days")
    assert (incidents.rag, incidents.actual, incidents.target) == ("red", Decimal("86.00"), Decimal("95.00"))
    assert starters.rag == "green"  # 4 days against 5, lower is better
    assert incidents.recorded_by_party == "almo"
    flagged = Notification.objects.get(user=council_officer, message__startswith="Red in")
    assert (
        flagged.message.startswith("Red in Q3 2026/27 for the IT services SLA with Northmoor Homes")
        and "Incidents fixed within 8 working hours" in flagged.message
    )
    assert standard(sla, "Incidents").latest_rag == "red"

    detail = client.get(sla.get_absolute_url()).content.decode()
    assert "Two engineers left in October." in detail
    listing = client.get(reverse("slas:sla_list")).content.decode()
    assert '<strong class="govuk-tag govuk-tag--red">1</strong>' in listing


def test_amber_needs_commentary_and_a_later_correction_replaces_the_figure(client, sla, almo_staff):
    client.force_login(almo_staff)
    url = reverse("slas:results_record", args=[sla.pk])
    response = client.post(url, figures(sla, incidents="94", starters=""))
    assert response.status_code == 400 and "is amber: say why it happened." in response.content.decode()
    assert client.post(url, figures(sla, incidents="96", starters="")).status_code == 302
    assert client.post(url, figures(sla, incidents="97.5", starters="")).status_code == 302
    result = StandardResult.objects.get()
    assert result.actual == Decimal("97.50") and result.rag == "green"
    assert result.history.count() == 2


@pytest.mark.parametrize(
    ("year", "quarter", "message"),
    [
        (2026, 4, "Q4 2026/27 has not ended yet: record it after 31 March 2027."),
        (2024, 4, "The terms in force did not cover Q4 2024/25"),
    ],
)
def test_a_quarter_not_ended_or_outside_the_term_is_refused(client, sla, almo_staff, year, quarter, message):
    client.force_login(almo_staff)
    response = client.post(reverse("slas:results_record", args=[sla.pk]), figures(sla, year, quarter, starters="4"))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not StandardResult.objects.exists()


def test_an_empty_quarter_and_bad_figures_are_named(client, sla, almo_staff):
    client.force_login(almo_staff)
    url = reverse("slas:results_record", args=[sla.pk])
    response = client.post(url, figures(sla, incidents="", starters=""))
    assert "Enter a figure for at least one standard." in response.content.decode()
    response = client.post(url, figures(sla, incidents="ninety", starters="4"))
    assert response.status_code == 400
    assert "as a number" in response.content.decode()
    assert not StandardResult.objects.exists()


def test_a_draft_sla_takes_no_performance(client, almo, almo_staff, council_officer):
    from tests.slas.conftest import make_sla

    draft = make_sla(almo, almo_staff, council_officer, agree=False)
    client.force_login(almo_staff)
    response = client.get(reverse("slas:results_record", args=[draft.pk]), follow=True)
    assert "Performance is recorded against terms in force" in response.content.decode()
