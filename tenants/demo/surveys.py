"""Demo surveys: responses drawn from a seeded generator, imported as a survey house's file would be."""

from __future__ import annotations

import csv
import datetime as dt
import io
import random

from django.db import transaction

from tenants import services
from tenants.measures import MEASURES, measures_for
from tenants.models import Survey
from tenants.precision import Precision
from tenants.services.imports import expected_columns

# ALMO slug -> how satisfied its tenants broadly are, 0 to 1.
MOOD = {
    "harrowfield-north-homes": 0.74,
    "harrowfield-central-homes": 0.66,
    "harrowfield-south-homes": 0.61,
    "kelworth-homes": 0.69,
    "ashby-vale-homes": 0.78,
}
# Share of the required responses each year's survey achieves: 2026/27 at Ashby Vale falls short.
COVERAGE = {2024: 1.08, 2025: 1.12, 2026: 1.05}
SHORT = ("ashby-vale-homes", 2026, 0.88)
SHARED_OWNERS = {"kelworth-homes": 420}
TOTALS_FROM_SURVEY_HOUSE = ("harrowfield-central-homes", 2024)


def load(almo, staff, officer) -> None:
    for year in (2024, 2025, 2026):
        _survey(almo, staff, officer, year, "lcra", almo.homes_managed, agree_both=year < 2026)
    if almo.slug in SHARED_OWNERS:
        _survey(almo, staff, officer, 2025, "lcho", SHARED_OWNERS[almo.slug], agree_both=True)


@transaction.atomic
def _survey(almo, staff, officer, year: int, tenure: str, population: int, *, agree_both: bool) -> None:
    survey = Survey.objects.filter(almo=almo, year=year, tenure=tenure).first()
    if survey is not None and survey.has_results:
        return
    rng = random.Random(f"{almo.slug}-{year}-{tenure}")
    needed = Precision(0, population).needed
    share = SHORT[2] if (almo.slug, year) == SHORT[:2] else COVERAGE[year]
    achieved = min(population, round(needed * share))
    if survey is None:
        survey = services.survey_create(
            actor=staff,
            almo=almo,
            year=year,
            tenure=tenure,
            method=Survey.Method.TELEPHONE if year % 2 else Survey.Method.MIXED,
            fieldwork_start=dt.date(year, 9, 1),
            fieldwork_end=dt.date(year, 10, 31),
            population=population,
            sample_issued=None,
            sample_method="A random sample of households, stratified by area and property type.",
            representativeness="Checked against the tenant population by age, area and property type.",
            weighting="None applied.",
            contractor_role="An independent research company ran the fieldwork and coded the answers.",
            exclusions="Households in the middle of a serious complaint or a safeguarding case.",
            shortfall_reason=(
                "Telephone fieldwork ended early when the contractor's call centre closed." if share < 1 else ""
            ),
            incentives="None.",
            other_issues="",
        )
    mood = MOOD.get(almo.slug, 0.7) + (year - 2025) * 0.01
    rows = [_respondent(rng, index, tenure, mood) for index in range(1, achieved + 1)]
    if (almo.slug, year) == TOTALS_FROM_SURVEY_HOUSE:
        services.survey_set_counts(actor=staff, survey=survey, achieved=achieved, counts=_totals(rows, tenure))
    else:
        name, content = f"{almo.slug}-{year}.csv", _csv(rows, tenure)
        services.survey_import_responses(actor=staff, survey=survey, name=name, content=content)
    services.survey_agree(actor=staff, survey=survey)
    if agree_both:
        services.survey_agree(actor=officer, survey=survey)


def _respondent(rng: random.Random, index: int, tenure: str, mood: float) -> dict:
    row = {
        "respondent_id": f"R{index:05d}",
        "had_repair": "yes" if rng.random() < 0.6 else "no",
        "made_complaint": "yes" if rng.random() < 0.14 else "no",
        "has_communal_areas": "yes" if rng.random() < 0.45 else "no",
    }
    for measure in MEASURES:
        if measure.screen and row[measure.screen] != "yes":
            row[measure.code] = ""
            continue
        lean = mood - (0.12 if measure.code in ("TP09", "TP12") else 0) + (0.05 if measure.code == "TP08" else 0)
        draw = rng.random()
        if draw < 0.03:
            row[measure.code] = rng.choice(["DK", "NA", ""])
        elif draw < 0.03 + lean * 0.97:
            row[measure.code] = rng.choice("112")  # "very" half as often as "fairly"
        else:
            row[measure.code] = rng.choice("33455")
    return row


def _csv(rows: list[dict], tenure: str) -> bytes:
    columns = expected_columns(tenure)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode()


def _totals(rows: list[dict], tenure: str) -> dict[str, dict[str, int]]:
    """What a survey house would send instead of the file: each question's answers counted."""
    names = ["very_satisfied", "fairly_satisfied", "neither", "fairly_dissatisfied", "very_dissatisfied"]
    totals = {}
    for measure in measures_for(tenure):
        counts = dict.fromkeys([*names, "not_on_scale"], 0)
        for row in rows:
            if measure.screen and row[measure.screen] != "yes":
                continue
            answer = row[measure.code]
            counts[names[int(answer) - 1] if answer in "12345" and answer else "not_on_scale"] += 1
        totals[measure.code] = counts
    return totals
