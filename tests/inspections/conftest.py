"""Fixtures for the inspection readiness tests: a self-assessment, evidence, an inspection and an action for the
`almo` fixture (and the same for `other_almo`), made through the services as people would."""

import datetime as dt
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from inspections import services
from inspections.demo import pdf_bytes
from inspections.framework_data import load_frameworks
from inspections.models import Answer, Area, Framework, Question
from organisations.access import Role
from tests.api.conftest import api, generous_rate_limits  # noqa: F401  (the API tests' client and limits)
from tests.factories import user_with_role


def pdf_upload(name="policy.pdf", title="A policy"):
    return SimpleUploadedFile(name, pdf_bytes(title), content_type="application/pdf")


@pytest.fixture
def private_files(settings):
    """Where private files are kept (the storage is bound when the models load, so tests use the configured one)."""
    return Path(settings.PRIVATE_FILES_ROOT)


def stored_files(root: Path) -> set[Path]:
    return set(root.rglob("*.*")) if root.exists() else set()


@pytest.fixture
def framework(db):
    # A browser test's flush empties the migration's rows; loading them again is a no-op when they are there.
    load_frameworks(Framework, Area, Question)
    return Framework.objects.get(council=None, code="hi-2002")


@pytest.fixture
def assessment(almo, almo_staff, framework):
    return services.assessment_start(actor=almo_staff, almo=almo, framework=framework)


@pytest.fixture
def other_assessment(other_almo, other_staff, framework):
    return services.assessment_start(actor=other_staff, almo=other_almo, framework=framework)


@pytest.fixture
def answer(assessment):
    return Answer.objects.filter(assessment=assessment).select_related("question").order_by("question__pk").first()


@pytest.fixture
def evidence(almo, almo_staff):
    return services.evidence_add(actor=almo_staff, almo=almo, title="Tenant involvement strategy", upload=pdf_upload())


@pytest.fixture
def other_evidence(other_almo, other_staff):
    return services.evidence_add(actor=other_staff, almo=other_almo, title="Southdale strategy", upload=pdf_upload())


def record_inspection(actor, almo, **fields):
    values = {
        "kind": "inspectorate",
        "title": "ALMO inspection",
        "starts_on": dt.date(2026, 3, 2),
        "ends_on": dt.date(2026, 3, 6),
        "lead": "Lead inspector",
        "star_rating": 2,
        "prospects": "promising",
    } | fields
    return services.inspection_record(actor=actor, almo=almo, **values)


@pytest.fixture
def inspection(almo, council_officer):
    return record_inspection(council_officer, almo, title="Northmoor inspection")


@pytest.fixture
def other_inspection(other_almo, other_council_officer):
    return record_inspection(other_council_officer, other_almo, title="Southdale inspection")


@pytest.fixture
def action(almo, almo_staff):
    return services.action_create(
        actor=almo_staff, almo=almo, title="Publish repairs results", owner="Sue", due_on=dt.date(2027, 1, 4)
    )


@pytest.fixture
def other_action(other_almo, other_staff):
    return services.action_create(
        actor=other_staff, almo=other_almo, title="Southdale action", owner="Ann", due_on=dt.date(2027, 3, 1)
    )


@pytest.fixture
def second_officer(council):
    return user_with_role(Role.COUNCIL_OFFICER, council, username="second.officer")
