"""Writes for value for money: benchmarks an SLA's charge is compared with.

Every benchmark is turned into pounds per home for a year, at the prices of the year the charge is priced at, when
it is added. A figure in another currency or priced at another year needs its conversion given, never assumed.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from core.history import delete_as, save_as
from core.numbers import round_half_up
from core.periods import financial_year_label
from organisations.joint_agreement import party_for
from slas.models import POUNDS, Benchmark, ServiceLevelAgreement
from slas.services.agreements import lock_sla, open_version

BENCHMARK_FIELDS = [
    "kind",
    "source",
    "year",
    "amount",
    "basis",
    "homes_covered",
    "currency",
    "rate_to_pounds",
    "uplift_percent",
]


def _conversion_errors(values: dict, charge_year: int) -> dict:
    errors = {}
    currency = values["currency"]
    if currency != POUNDS and values.get("rate_to_pounds") is None:
        errors["rate_to_pounds"] = (
            f"This benchmark is in {currency}: enter how many pounds one {currency} is worth, "
            "so it can be compared with the charge in pounds."
        )
    elif currency != POUNDS and values["rate_to_pounds"] <= 0:
        errors["rate_to_pounds"] = "Enter an exchange rate above 0."
    elif currency == POUNDS and values.get("rate_to_pounds") not in (None, Decimal(1)):
        errors["rate_to_pounds"] = "Leave the exchange rate empty: this benchmark is already in pounds."
    year, uplift = values.get("year"), values.get("uplift_percent")
    if year is not None and year != charge_year and uplift is None:
        errors["uplift_percent"] = (
            f"This benchmark is priced at {financial_year_label(year)} and the charge at "
            f"{financial_year_label(charge_year)}: enter the uplift that converts it (a negative one to bring it "
            "down), or 0 if none applies."
        )
    elif year == charge_year and uplift not in (None, Decimal(0)):
        errors["uplift_percent"] = "Leave the uplift empty: the benchmark is priced at the same year as the charge."
    elif uplift is not None and uplift <= -100:
        errors["uplift_percent"] = "Enter an uplift above -100 per cent."
    if values.get("basis") == Benchmark.Basis.ANNUAL_TOTAL and not values.get("homes_covered"):
        errors["homes_covered"] = "Enter how many homes the charge covers, so a cost per home can be worked out."
    return errors


def cost_per_home(values: dict) -> Decimal:
    """Pounds per home for a year, at the charge's prices."""
    amount = Decimal(values["amount"]) * (values.get("rate_to_pounds") or 1)
    amount *= 1 + (values.get("uplift_percent") or 0) / Decimal(100)
    if values["basis"] == Benchmark.Basis.ANNUAL_TOTAL:
        amount /= values["homes_covered"]
    return round_half_up(amount, 2)


@transaction.atomic
def benchmark_add(*, actor, sla: ServiceLevelAgreement, values: dict) -> Benchmark:
    sla = lock_sla(actor, sla.pk)
    party = party_for(actor, sla.almo)
    if sla.is_ended:
        raise ValidationError("This SLA has ended: there is no charge to compare.")
    terms = open_version(sla) if sla.current_version_id is None else sla.current_version
    values = {name: values.get(name) for name in BENCHMARK_FIELDS}
    values["currency"] = (values["currency"] or POUNDS).strip().upper()
    values["source"] = (values["source"] or "").strip()
    if values["basis"] == Benchmark.Basis.PER_HOME:
        values["homes_covered"] = None  # a cost per home needs no count of homes
    errors = _conversion_errors(values, terms.charge_year)
    benchmark = Benchmark(sla=sla, added_by=actor, added_by_party=party, compared_year=terms.charge_year, **values)
    benchmark.cost_per_home = Decimal(0)
    try:
        benchmark.full_clean()
    except ValidationError as error:
        errors = {**error.message_dict, **errors}
    if errors:
        raise ValidationError(errors)
    benchmark.cost_per_home = cost_per_home(values)
    return save_as(actor, benchmark)


@transaction.atomic
def benchmark_remove(*, actor, benchmark: Benchmark) -> None:
    benchmark = Benchmark.objects.get_for(actor, "change", pk=benchmark.pk)
    lock_sla(actor, benchmark.sla_id)
    party_for(actor, benchmark.sla.almo)
    delete_as(actor, benchmark)
