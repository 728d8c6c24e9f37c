"""The thirty-year investment need: components fall due by age and lifetime, money is set against them, and the page
shows the year the money runs short as a chart and a table."""

from decimal import Decimal

import pytest
from django.urls import reverse

from hra import projection
from hra.models import Component, InvestmentPlan, Resource

pytestmark = pytest.mark.django_db
D = Decimal


def test_a_component_falls_due_when_its_life_ends_and_then_every_lifetime():
    assert projection.component_due_years(lifetime=20, age=25) == [1, 21]  # past its life: reaching the standard
    assert projection.component_due_years(lifetime=15, age=5) == [11, 26]
    assert projection.component_due_years(lifetime=20, age=0) == [21]
    assert projection.component_due_years(lifetime=1, age=0) == list(range(2, 31))


def test_need_resources_and_the_year_the_money_runs_short(investment_plan):
    rows = projection.project(2026, investment_plan.archetypes.all(), investment_plan.resources.all())
    assert len(rows) == 30
    assert rows[0].need == D(500000)  # 100 kitchens at £5,000, past their life: reaching the standard
    assert rows[10].need == D(400000)  # 100 heating systems at £4,000 in year 11: keeping it
    assert rows[0].resources == D(500000) and rows[2].resources == D(20000)
    assert rows[0].balance == 0
    short = projection.first_shortfall(rows)
    # £20,000 a year for nine years, then £400,000 of heating in year 11.
    assert short.index == 11 and short.label == "2036/37"
    assert short.balance == 10 * D(20000) - D(400000)
    assert sum(r.resources for r in rows) - sum(r.need for r in rows) == rows[-1].balance


def test_the_page_shows_the_chart_the_table_and_the_short_year(client, almo_staff, investment_plan):
    client.force_login(almo_staff)
    page = client.get(investment_plan.get_absolute_url()).content.decode()
    assert "The money runs short in 2036/37" in page
    assert '<svg class="portal-chart" role="img"' in page and "<desc>The money runs short in 2036/37." in page
    assert page.count('<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">') >= 30
    assert "style=" not in page.split("<main")[1]


def test_either_side_builds_the_plan(client, council_officer, almo_staff, almo, investment_plan):
    client.force_login(council_officer)
    response = client.post(
        reverse("hra:resource_add", args=[investment_plan.pk]),
        {"source": "almo_funding", "from_year": "1", "to_year": "30", "amount_per_year": "500,000"},
    )
    assert response.status_code == 302
    client.force_login(almo_staff)
    archetype = investment_plan.archetypes.get()
    response = client.post(
        reverse("hra:component_add", args=[archetype.pk]),
        {"name": "Roof", "per_home": "1", "unit_cost": "7800", "lifetime_years": "50", "age_years": "49"},
    )
    assert response.status_code == 302
    assert Component.objects.filter(name="Roof").exists()
    page = client.get(investment_plan.get_absolute_url()).content.decode()
    assert "The resources cover the need in every year of the plan." in page
    client.post(reverse("hra:part_remove", args=["resource", Resource.objects.get(source="almo_funding").pk]))
    assert not Resource.objects.filter(source="almo_funding").exists()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"from_year": "5", "to_year": "2"}, "to_year", "same as or after the first year"),
        ({"to_year": "31"}, "to_year", "from 1 to 30"),
        ({"amount_per_year": "-1"}, "amount_per_year", "cannot be negative"),
        ({"source": "lottery"}, "source", "Select a valid choice"),
    ],
)
def test_bad_resources_are_refused(client, almo_staff, investment_plan, data, field, message):
    client.force_login(almo_staff)
    fields = {"source": "mra", "from_year": "1", "to_year": "2", "amount_per_year": "1000", **data}
    response = client.post(reverse("hra:resource_add", args=[investment_plan.pk]), fields)
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert Resource.objects.count() == 2


def test_starting_a_plan(client, almo_staff, almo):
    client.force_login(almo_staff)
    response = client.post(
        reverse("hra:investment_create"), {"almo": almo.pk, "first_year": "2026", "title": "Our thirty years"}
    )
    plan = InvestmentPlan.objects.get()
    assert response.url == plan.get_absolute_url()
    assert "no figures yet" in client.get(plan.get_absolute_url()).content.decode()
