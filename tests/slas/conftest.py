"""SLA fixtures: an IT SLA in force for the `almo` fixture and one for `other_almo`, made through the services."""

import datetime as dt
from decimal import Decimal

import pytest

from slas import services
from slas.models import ServiceLevelAgreement

TERMS = {
    "starts_on": dt.date(2025, 4, 1),
    "ends_on": dt.date(2028, 3, 31),
    "annual_charge": Decimal("140000.00"),
    "charging_basis": "fixed",
    "unit": "",
    "unit_rate": None,
    "notice_months": 3,
    "review_date": dt.date(2027, 3, 15),
}
STANDARDS = [
    {
        "title": "Incidents fixed within 8 working hours",
        "description": "",
        "unit": "percentage",
        "polarity": "higher",
        "target": Decimal("95"),
        "tolerance": Decimal("2"),
    },
    {
        "title": "Days to set up a new starter",
        "description": "",
        "unit": "days",
        "polarity": "lower",
        "target": Decimal("5"),
        "tolerance": Decimal("1"),
    },
]


def make_sla(almo, staff, officer, *, title="IT services", service="it", agree=True, **terms) -> ServiceLevelAgreement:
    """An SLA drafted by the council with two standards, agreed by both sides unless `agree` is False."""
    details = {"service": service, "title": title, "provider_team": "ICT Shared Service"}
    details["value_margin_percent"] = Decimal("10")
    sla = services.sla_create(actor=officer, almo=almo, details=details, terms={**TERMS, **terms})
    for standard in STANDARDS:
        services.standard_add(actor=officer, sla=sla, values=standard)
    if agree:
        services.terms_agree(actor=officer, sla=sla)
        services.terms_agree(actor=staff, sla=sla)
    sla.refresh_from_db()
    return sla


@pytest.fixture
def sla(almo, almo_staff, council_officer):
    return make_sla(almo, almo_staff, council_officer)


@pytest.fixture
def other_sla(other_almo, other_staff, other_council_officer):
    return make_sla(other_almo, other_staff, other_council_officer, title="Southdale IT services")


def standard(sla, title_start: str):
    return sla.current_version.standards.get(title__startswith=title_start)


@pytest.fixture
def api():
    from rest_framework.test import APIClient

    return APIClient()


@pytest.fixture(autouse=True)
def generous_rate_limits(settings):
    """Throttling has its own tests; counts left in the shared cache by earlier runs must not matter here."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"api": "100000/minute", "export": "100000/minute"},
    }
