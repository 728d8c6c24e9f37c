"""Value for money: benchmarks turned into pounds per home at the charge's prices, and a flag above the margin."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from slas.models import Benchmark
from tests.slas.conftest import make_sla

pytestmark = pytest.mark.django_db


@pytest.fixture
def legal(almo, almo_staff, council_officer):
    """£72,500 a year for 5,000 homes: £14.50 a home, priced at 2025/26 (the term starts 1 April 2025)."""
    return make_sla(
        almo,
        almo_staff,
        council_officer,
        title="Legal services",
        service="legal",
        annual_charge=Decimal("72500"),
        charging_basis="per_hour",
        unit_rate=Decimal("85"),
    )


def quote(**overrides):
    data = {
        "kind": "market_test",
        "source": "Ridley Law LLP",
        "year": "2025",
        "amount": "56000",
        "basis": "annual_total",
        "homes_covered": "5000",
        "currency": "GBP",
        "rate_to_pounds": "",
        "uplift_percent": "",
    }
    return {**data, **overrides}


def test_the_legal_charge_is_compared_with_a_market_test_quote_and_flagged(client, legal, almo_staff):
    client.force_login(almo_staff)
    response = client.post(reverse("slas:benchmark_add", args=[legal.pk]), quote())
    assert response.status_code == 302
    benchmark = Benchmark.objects.get()
    assert benchmark.cost_per_home == Decimal("11.20") and benchmark.compared_year == 2025
    page = client.get(legal.get_absolute_url()).content.decode()
    # £14.50 against £11.20 is 29.5% above, beyond the 10% margin.
    assert "The charge is +29.5% against the middle benchmark, more than the 10% margin." in page
    assert "£14.50" in page and "£11.20" in page


def test_a_charge_within_the_margin_is_not_flagged(client, legal, almo_staff):
    client.force_login(almo_staff)
    client.post(reverse("slas:benchmark_add", args=[legal.pk]), quote(amount="14", basis="per_home", homes_covered=""))
    page = client.get(legal.get_absolute_url()).content.decode()
    assert "+3.6%" in page and "more than the 10% margin" not in page


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"currency": "EUR"}, "rate_to_pounds", "This benchmark is in EUR: enter how many pounds one EUR is worth"),
        ({"year": "2023"}, "uplift_percent", "This benchmark is priced at 2023/24 and the charge at 2025/26"),
        ({"homes_covered": ""}, "homes_covered", "Enter how many homes the charge covers"),
        ({"rate_to_pounds": "1.2"}, "rate_to_pounds", "Leave the exchange rate empty"),
        ({"amount": ""}, "amount", "Enter the amount"),
    ],
)
def test_a_benchmark_without_its_conversion_is_refused(client, legal, almo_staff, overrides, field, message):
    client.force_login(almo_staff)
    response = client.post(reverse("slas:benchmark_add", args=[legal.pk]), quote(**overrides))
    assert response.status_code == 400
    assert any(message in error for error in response.context["form"].errors[field])
    assert not Benchmark.objects.exists()


def test_currency_and_year_are_converted_when_the_conversion_is_given(client, legal, almo_staff):
    client.force_login(almo_staff)
    data = quote(currency="eur", rate_to_pounds="0.85", year="2023", uplift_percent="5", amount="60000")
    assert client.post(reverse("slas:benchmark_add", args=[legal.pk]), data).status_code == 302
    # 60,000 euros at 0.85 is £51,000; 5% uplift is £53,550; over 5,000 homes, £10.71 a home.
    benchmark = Benchmark.objects.get()
    assert benchmark.currency == "EUR" and benchmark.cost_per_home == Decimal("10.71")


def test_the_median_benchmark_flags_and_removing_one_changes_it(client, legal, almo_staff):
    client.force_login(almo_staff)
    for amount in ("10", "13", "20"):
        client.post(
            reverse("slas:benchmark_add", args=[legal.pk]), quote(amount=amount, basis="per_home", homes_covered="")
        )
    page = client.get(legal.get_absolute_url()).content.decode()
    assert "£13.00 (the median of 3)" in page and "more than the 10% margin" in page
    cheapest = Benchmark.objects.get(amount=Decimal("10"))
    assert client.post(reverse("slas:benchmark_remove", args=[cheapest.pk])).status_code == 302
    page = client.get(legal.get_absolute_url()).content.decode()
    assert "£16.50 (the median of 2)" in page and "more than the 10% margin" not in page


def test_an_ended_sla_takes_no_benchmark(client, legal, almo_staff):
    from slas import services

    services.sla_end(actor=almo_staff, sla=legal, ended_on=dt.date(2026, 3, 31), reason="Bought elsewhere.")
    client.force_login(almo_staff)
    response = client.post(reverse("slas:benchmark_add", args=[legal.pk]), quote())
    assert response.status_code == 400 and "This SLA has ended" in response.content.decode()
