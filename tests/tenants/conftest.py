import csv
import datetime as dt
import io

import pytest
from rest_framework.test import APIClient

from tenants import services
from tenants.measures import CODES, SCREENS
from tenants.models import Recommendation, Survey

HEADINGS = ["respondent_id", *SCREENS, *CODES]


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture(autouse=True)
def generous_rate_limits(settings):
    """Throttling is tested elsewhere; counts left in the shared cache by earlier runs must not matter here."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"api": "100000/minute", "export": "100000/minute"},
    }


def response_file(rows: list[dict], headings=HEADINGS) -> bytes:
    """A CSV of responses: each row a dict of heading -> answer; missing answers are blank."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headings)
    for row in rows:
        writer.writerow([row.get(heading, "") for heading in headings])
    return buffer.getvalue().encode()


def respondent(number: int, answer="1", **answers) -> dict:
    """One respondent who answers every question asked of everyone with `answer`, and no screens."""
    row = {"respondent_id": f"R{number}", "had_repair": "no", "made_complaint": "no", "has_communal_areas": "no"}
    for code in ("TP01", "TP04", "TP05", "TP06", "TP07", "TP08", "TP11", "TP12"):
        row[code] = answer
    row.update(answers)
    return row


def make_survey(almo, staff, *, year=2025, tenure="lcra", population=7271, sample_issued=None) -> Survey:
    return services.survey_create(
        actor=staff,
        almo=almo,
        year=year,
        tenure=tenure,
        method="telephone",
        fieldwork_start=dt.date(year, 9, 1),
        fieldwork_end=dt.date(year, 10, 31),
        population=population,
        sample_issued=sample_issued,
    )


def with_responses(survey, staff, rows) -> Survey:
    return services.survey_import_responses(
        actor=staff, survey=survey, name="responses.csv", content=response_file(rows)
    )


@pytest.fixture
def survey(almo, almo_staff):
    return make_survey(almo, almo_staff)


@pytest.fixture
def other_survey(other_almo, other_staff):
    return make_survey(other_almo, other_staff)


@pytest.fixture
def group(almo, almo_staff):
    return services.group_create(actor=almo_staff, almo=almo, name="Tenants' panel", kind="panel")


@pytest.fixture
def other_group(other_almo, other_staff):
    return services.group_create(actor=other_staff, almo=other_almo, name="Southdale forum", kind="forum")


@pytest.fixture
def recommendation(group, almo_staff) -> Recommendation:
    return services.recommendation_record(
        actor=almo_staff,
        group=group,
        title="Text tenants before repair visits",
        detail="Send a text the day before.",
        made_on=dt.date(2027, 1, 5),
        respond_by=dt.date(2027, 1, 25),
    )
