"""Building the demo SLAs through the portal's own services, so records, RAG statuses and history are real."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction

from core import variance
from core.numbers import round_half_up
from organisations.access import Party
from organisations.models import Almo
from organisations.notifications import party_people
from slas import services
from slas.demo import stories
from slas.demo.stories import SlaSpec
from slas.models import ServiceLevelAgreement, Stage


def load() -> None:
    for slug in stories.DEMO_ALMOS:
        almo = Almo.objects.filter(slug=slug).select_related("council").first()
        if almo is None:
            continue
        staff = party_people(almo, Party.ALMO).order_by("username").first()
        officer = party_people(almo, Party.COUNCIL).order_by("username").first()
        if staff is None or officer is None:
            continue
        for spec in stories.SLAS:
            if not ServiceLevelAgreement.objects.filter(almo=almo, title=spec.title).exists():
                _load_sla(almo, spec, staff, officer)
        if (
            slug == stories.DRAFT_CALL_CENTRE
            and not ServiceLevelAgreement.objects.filter(almo=almo, service="call_centre").exists()
        ):
            _draft_call_centre(almo, staff)


def _terms(almo: Almo, spec: SlaSpec) -> dict:
    charge = round_half_up(spec.per_home * almo.homes_managed, 0)
    return {
        "starts_on": stories.STARTS_ON,
        "ends_on": spec.ends_on,
        "annual_charge": charge,
        "charging_basis": spec.charging_basis,
        "unit": spec.unit,
        "unit_rate": spec.unit_rate,
        "notice_months": spec.notice_months,
        "review_date": spec.review_date,
    }


@transaction.atomic  # an SLA is made whole or not at all, so a rerun finds it complete or absent
def _load_sla(almo: Almo, spec: SlaSpec, staff, officer) -> None:
    details = {"service": spec.service, "title": spec.title, "provider_team": spec.provider_team}
    details["value_margin_percent"] = Decimal(10)
    sla = services.sla_create(actor=officer, almo=almo, details=details, terms=_terms(almo, spec))
    for standard in spec.standards:
        values = {
            "title": standard.title,
            "description": "",
            "unit": standard.unit,
            "polarity": standard.polarity,
            "target": standard.target,
            "tolerance": standard.tolerance,
        }
        services.standard_add(actor=officer, sla=sla, values=values)
    services.terms_agree(actor=officer, sla=sla)
    services.terms_agree(actor=staff, sla=sla)
    sla.refresh_from_db()
    _load_results(almo, sla, spec, staff)
    for benchmark in spec.benchmarks:
        _load_benchmark(almo, sla, benchmark, staff)
    _load_stories(almo, sla, spec, staff, officer)


def _load_results(almo: Almo, sla, spec: SlaSpec, staff) -> None:
    rng = random.Random(f"{almo.slug}:{spec.title}")
    standards = {s.title: s for s in sla.current_version.standards.all()}
    for year, quarter in stories.QUARTERS:
        rows = {}
        for standard_spec in spec.standards:
            standard = standards[standard_spec.title]
            actual = standard_spec.typical + Decimal(rng.uniform(-1, 1)) * standard_spec.spread
            if stories.RED_IT_QUARTER.get(almo.slug) == (year, quarter) and standard_spec is spec.standards[0]:
                actual = standard_spec.target - standard_spec.tolerance * 4  # the story's red quarter
            actual = round_half_up(min(actual, Decimal(100)) if standard.unit == "percentage" else actual, 1)
            rows[standard.pk] = {"actual": actual, **_commentary(standard, actual)}
        services.results_record(actor=staff, sla=sla, year=year, quarter=quarter, rows=rows)


def _commentary(standard, actual: Decimal) -> dict:
    if not variance.assess(actual, standard.target, standard.tolerance, standard.polarity).needs_commentary:
        return {}
    return {
        "what_happened": f"{standard.title} fell short of the target of {standard.target}.",
        "why": "Staff vacancies in the council team and a spike in demand.",
        "action": "The council has agreed agency cover and a weekly check with the ALMO until it recovers.",
    }


def _load_benchmark(almo: Almo, sla, benchmark: dict, staff) -> None:
    values = {key: value for key, value in benchmark.items() if key != "ratio"}
    if values["amount"] is None:  # a market-test quote: a share of the ALMO's own charge, for its homes
        values["amount"] = round_half_up(sla.current_version.annual_charge * benchmark["ratio"], 0)
        values["homes_covered"] = almo.homes_managed
    values.setdefault("currency", "GBP")
    if values["year"] == sla.current_version.charge_year:
        values["uplift_percent"] = None
    services.benchmark_add(actor=staff, sla=sla, values=values)


def _load_stories(almo: Almo, sla, spec: SlaSpec, staff, officer) -> None:
    if spec.service == "legal" and almo.slug == stories.LEGAL_DISPUTE:
        dispute = services.dispute_raise(
            actor=staff,
            sla=sla,
            title="Charges for possession cases filed late",
            description="Twelve possession cases were filed more than 10 working days after instruction in Q2 "
            "2026/27. We ask for the hours charged on those cases to be credited.",
            amount_disputed=Decimal("4080.00"),
        )
        services.dispute_move(
            actor=officer,
            dispute=dispute,
            stage=Stage.IN_DISCUSSION,
            note="Legal Services accept eight of the twelve were late; the other four waited for ALMO evidence.",
        )
    if spec.service == "it" and almo.slug == stories.IT_DISPUTE_RESOLVED:
        dispute = services.dispute_raise(
            actor=staff,
            sla=sla,
            title="Charge for laptops not supplied",
            description="The annual charge includes 40 laptop replacements; 25 were supplied.",
            amount_disputed=Decimal("9000.00"),
        )
        services.dispute_move(actor=officer, dispute=dispute, stage=Stage.ESCALATED, note="Not settled by officers.")
        services.dispute_move(
            actor=officer,
            dispute=dispute,
            stage=Stage.RESOLVED,
            note="Chief officers agreed a credit for the 15 laptops, less the cost of extending the old ones.",
            outcome="compromise",
            credit_agreed=Decimal("4500.00"),
        )
    if spec.service == "legal" and almo.slug == stories.LEGAL_RENEGOTIATION:
        services.renegotiation_start(
            actor=staff,
            sla=sla,
            reason="A market test came in well below the hourly rate: we propose a fixed fee per possession case.",
        )


@transaction.atomic
def _draft_call_centre(almo: Almo, staff) -> None:
    details = {
        "service": "call_centre",
        "title": "Call centre",
        "provider_team": "Customer Contact Centre",
        "value_margin_percent": Decimal(10),
    }
    terms = {
        "starts_on": dt.date(2026, 4, 1),
        "ends_on": dt.date(2029, 3, 31),
        "annual_charge": round_half_up(Decimal("6.75") * almo.homes_managed, 0),
        "charging_basis": "per_unit",
        "unit": "call answered",
        "unit_rate": Decimal("2.10"),
        "notice_months": 6,
        "review_date": dt.date(2027, 9, 30),
    }
    sla = services.sla_create(actor=staff, almo=almo, details=details, terms=terms)
    values = {
        "title": "Calls answered within 30 seconds",
        "description": "",
        "unit": "percentage",
        "polarity": "higher",
        "target": Decimal(80),
        "tolerance": Decimal(5),
    }
    services.standard_add(actor=staff, sla=sla, values=values)
    services.terms_agree(actor=staff, sla=sla)
