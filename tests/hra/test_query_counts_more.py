"""The Decent Homes programme, stock condition, re-profile and investment plan pages cost the same number of queries
whether they show a few rows or three times as many, for the council's officers and the ALMO's staff alike."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hra.models import Archetype, Component, ReprofileRequest, Resource
from organisations.access import Party
from tests.hra.conftest import make_investment_plan, make_programme, make_reprofile, make_stock

pytestmark = pytest.mark.django_db
USERS = ["council_officer", "almo_staff"]


def page_queries(client, url) -> tuple[int, str]:
    """The queries one view of the page costs (after a first view, so one-off lookups are cached), and its HTML."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def add_reprofiles(programme, count, proposer, decider):
    """Decided re-profiles (each with its proposer and decider to show), alternating which side proposed."""
    for index in range(count):
        party = Party.ALMO if index % 2 else Party.COUNCIL
        reprofile = make_reprofile(programme, proposer, party=party, reason=f"Reason {index}")
        status = ReprofileRequest.Status.DECLINED if index % 2 else ReprofileRequest.Status.WITHDRAWN
        ReprofileRequest.objects.filter(pk=reprofile.pk).update(
            status=status, decided_by=decider, decided_at=timezone.now(), decision_reason=f"Decision {index}"
        )


def report_spend(programme):
    for quarter in programme.quarters.all():
        quarter.spend = quarter.profile - Decimal("1000")
        quarter.sustainability_spend = Decimal("500")
        quarter.commentary = f"Q{quarter.quarter} as planned"
        quarter.save()


@pytest.mark.parametrize("who", USERS)
def test_the_programme_page_costs_the_same_for_three_times_the_re_profiles(
    request, client, almo, programme, almo_staff, council_officer, who
):
    make_stock(almo, programme.year)
    report_spend(programme)
    client.force_login(request.getfixturevalue(who))
    add_reprofiles(programme, 2, almo_staff, council_officer)
    few, page = page_queries(client, programme.get_absolute_url())
    assert page.count("Re-profile proposed by the") == 2
    add_reprofiles(programme, 4, council_officer, almo_staff)
    many, page = page_queries(client, programme.get_absolute_url())
    assert page.count("Re-profile proposed by the") == 6
    assert many == few


@pytest.mark.parametrize("who", USERS)
def test_the_stock_condition_page_costs_the_same_for_three_times_the_years(
    request, client, almo, almo_staff, council_officer, who
):
    stock = make_stock(almo, 2026)
    report_spend(make_programme(almo, year=2026, users=(council_officer, almo_staff)))
    history = [stock, make_stock(almo, 2025, non_decent_at_start=900)]
    client.force_login(request.getfixturevalue(who))
    few, page = page_queries(client, stock.get_absolute_url())
    assert all(record.get_absolute_url() in page for record in history)
    for year in range(2021, 2025):
        history.append(make_stock(almo, year, non_decent_at_start=1000 + 50 * (2025 - year)))
        make_programme(almo, year=year)
    many, page = page_queries(client, stock.get_absolute_url())
    assert len(history) == 6 and all(record.get_absolute_url() in page for record in history)
    assert many == few


@pytest.mark.parametrize("who", USERS)
def test_the_re_profile_page_costs_the_same_for_three_times_the_re_profiles(
    request, client, programme, almo_staff, council_officer, who
):
    report_spend(programme)
    reprofile = make_reprofile(programme, almo_staff, new_q1=Decimal("150000"), new_q4=Decimal("300000"))
    add_reprofiles(programme, 1, almo_staff, council_officer)
    client.force_login(request.getfixturevalue(who))
    few, page = page_queries(client, reprofile.get_absolute_url())
    assert "Contractor delays" in page
    add_reprofiles(programme, 4, council_officer, almo_staff)
    assert programme.reprofiles.count() == 6
    many, page = page_queries(client, reprofile.get_absolute_url())
    assert "Contractor delays" in page
    assert many == few


def grow_plan(plan, archetypes, resources, start=0):
    for index in range(start, start + archetypes):
        archetype = Archetype.objects.create(plan=plan, name=f"Archetype {index}", homes=50 + index)
        for part in ("Roof", "Windows"):
            Component.objects.create(
                archetype=archetype, name=part, unit_cost=Decimal("3000"), lifetime_years=25, age_years=10 + index
            )
    for index in range(resources):
        Resource.objects.create(
            plan=plan,
            source=Resource.Source.MAJOR_REPAIRS_ALLOWANCE,
            from_year=1 + index,
            to_year=10 + index,
            amount_per_year=Decimal("1000"),
        )


@pytest.mark.parametrize("who", USERS)
def test_the_investment_plan_page_costs_the_same_for_three_times_the_archetypes_and_resources(
    request, client, almo, who
):
    plan = make_investment_plan(almo)  # one archetype with two components, and two resources
    grow_plan(plan, archetypes=1, resources=0)
    client.force_login(request.getfixturevalue(who))
    few, page = page_queries(client, plan.get_absolute_url())
    assert "Archetype 0" in page and "1960s flats" in page
    grow_plan(plan, archetypes=4, resources=4, start=1)
    assert Archetype.objects.filter(plan=plan).count() == 6 and Resource.objects.filter(plan=plan).count() == 6
    assert Component.objects.filter(archetype__plan=plan).count() == 12
    many, page = page_queries(client, plan.get_absolute_url())
    assert all(f"Archetype {index}" in page for index in range(5))
    assert many == few
