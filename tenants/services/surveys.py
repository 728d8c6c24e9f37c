"""Surveys: the ALMO sets one up, imports its responses or enters a survey house's counts; both sides agree it.

Once the council and the ALMO have both agreed a survey, its results are final: they are what the Delivery
Plan's return reports (see `selectors.tsm_results`), so any change to it is refused. A change before then
clears any agreement already given, so nobody is held to figures they never saw.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse

from core.history import create_as, save_as
from organisations.access import Party, acting_party
from organisations.joint_agreement import clear_agreement, other_party, party_name, record_agreement
from organisations.models import Almo
from organisations.notifications import notify_party
from tenants.measures import measures_for
from tenants.models import AggregateCount, Survey, SurveyResponse
from tenants.precision import Precision
from tenants.services.imports import RowError, parse_responses

DETAIL_FIELDS = [
    "method",
    "fieldwork_start",
    "fieldwork_end",
    "population",
    "sample_issued",
    "sample_method",
    "representativeness",
    "weighting",
    "contractor_role",
    "exclusions",
    "shortfall_reason",
    "incentives",
    "other_issues",
]
FINAL = "The council and the ALMO have both agreed this survey's results, so it can no longer change."


class ImportFailed(Exception):
    """The file had problems: nothing was saved. `errors` names each row and column."""

    def __init__(self, errors: list[RowError]):
        super().__init__(f"{len(errors)} problems")
        self.errors = errors


def _text(value):
    return value.strip() if isinstance(value, str) else value


@transaction.atomic
def survey_create(*, actor, almo: Almo, year: int, tenure: str, **details) -> Survey:
    """The ALMO's staff set up a year's survey of one tenure."""
    almo = Almo.objects.get_for(actor, pk=almo.pk)
    if acting_party(actor, almo) != Party.ALMO:
        raise PermissionDenied("Only the ALMO's staff can set up its tenant survey.")
    details = {name: _text(details.get(name)) for name in DETAIL_FIELDS if name in details}
    return create_as(actor, Survey, almo=almo, year=year, tenure=tenure, **details)


def _locked(actor, survey: Survey) -> Survey:
    """The survey, locked until the transaction ends, for its ALMO's staff; refused once it is final."""
    surveys = Survey.objects.select_for_update(of=("self",)).select_related("almo")
    survey = surveys.get_for(actor, "change", pk=survey.pk)
    if survey.is_final:
        raise ValidationError(FINAL)
    return survey


def _changed(actor, survey: Survey, what: str) -> None:
    """Terms changed after one side agreed: both must agree again; tell the side that had agreed."""
    waiting = [party for party in (Party.COUNCIL, Party.ALMO) if survey.agreed_at(party)]
    if clear_agreement(survey):
        save_as(actor, survey)
        for party in waiting:
            notify_party(
                almo=survey.almo,
                party=party,
                subject="Survey results changed: agree them again",
                message=f"{what} for {survey}, so it needs agreeing again.",
                link=reverse("tenants:survey_detail", args=[survey.pk]),
                except_user=actor,
            )


@transaction.atomic
def survey_update(*, actor, survey: Survey, **details) -> Survey:
    survey = _locked(actor, survey)
    for name in DETAIL_FIELDS:
        if name in details:
            setattr(survey, name, _text(details[name]))
    save_as(actor, survey)
    _changed(actor, survey, "The survey's details changed")
    return survey


@transaction.atomic
def survey_import_responses(*, actor, survey: Survey, name: str, content: bytes) -> Survey:
    """Replace the survey's responses with a file's, one row per respondent: every row, or none if any is wrong."""
    survey = _locked(actor, survey)
    parsed = parse_responses(name, content, tenure=survey.tenure, population=survey.population)
    if parsed.errors:
        raise ImportFailed(parsed.errors)
    if survey.sample_issued is not None and len(parsed.rows) > survey.sample_issued:
        raise ImportFailed(
            [
                RowError(
                    None,
                    "respondent_id",
                    f"The file has {len(parsed.rows):,} respondents, more than the {survey.sample_issued:,} households "
                    "invited. Check the survey's details.",
                )
            ]
        )
    survey.responses.all().delete()
    survey.aggregate_counts.all().delete()
    SurveyResponse.objects.bulk_create([SurveyResponse(survey=survey, **row) for row in parsed.rows], batch_size=2000)
    survey.entry, survey.achieved, survey.source_file = Survey.Entry.RESPONSES, len(parsed.rows), name[:200]
    save_as(actor, survey)
    _changed(actor, survey, "New responses were imported")
    return survey


def check_counts(survey: Survey, achieved: int, counts: dict[str, dict[str, int]]) -> dict[str, str]:
    """Why a survey house's totals cannot be right, keyed by form field; empty if they add up."""
    errors: dict[str, str] = {}
    if achieved < 1:
        errors["achieved"] = "Enter the number of people who responded: at least 1."
    elif achieved > survey.population:
        errors["achieved"] = f"There cannot be more responses than the survey's {survey.population:,} households."
    elif survey.sample_issued is not None and achieved > survey.sample_issued:
        errors["achieved"] = f"There cannot be more responses than the {survey.sample_issued:,} households invited."
    if errors:
        return errors
    asked = {}
    for measure in measures_for(survey.tenure):
        row = counts.get(measure.code, {})
        asked[measure.code] = sum(row.get(name, 0) for name in [*AggregateCount.SCALE_FIELDS, "not_on_scale"])
        base = sum(row.get(name, 0) for name in AggregateCount.SCALE_FIELDS)
        field = f"{measure.field}_not_on_scale"
        if measure.screen is None and asked[measure.code] != achieved:
            errors[field] = (
                f"{measure.code}: the answers and those off the scale add up to {asked[measure.code]:,}, "
                f"but {achieved:,} people responded. Everyone is asked {measure.code}."
            )
        elif asked[measure.code] > achieved:
            errors[field] = f"{measure.code}: {asked[measure.code]:,} answers is more than the {achieved:,} responses."
        elif measure.code == "TP01" and base == 0:
            errors[field] = "TP01: nobody answered on the scale, so overall satisfaction has a base of zero."
    if "TP02" in asked and asked["TP02"] != asked["TP03"] and "tp03_not_on_scale" not in errors:
        errors["tp03_not_on_scale"] = (
            f"TP03 was asked of {asked['TP03']:,} people and TP02 of {asked['TP02']:,}: both are asked of everyone "
            "who had a repair, so they must match."
        )
    return errors


@transaction.atomic
def survey_set_counts(*, actor, survey: Survey, achieved: int, counts: dict[str, dict[str, int]]) -> Survey:
    """Replace the survey's results with a survey house's totals per question: all of them, if they add up."""
    survey = _locked(actor, survey)
    errors = check_counts(survey, achieved, counts)
    if errors:
        raise ValidationError(errors)
    survey.responses.all().delete()
    survey.aggregate_counts.all().delete()
    for measure in measures_for(survey.tenure):
        row = counts.get(measure.code, {})
        fields = {name: row.get(name, 0) for name in [*AggregateCount.SCALE_FIELDS, "not_on_scale"]}
        create_as(actor, AggregateCount, survey=survey, code=measure.code, **fields)
    survey.entry, survey.achieved, survey.source_file = Survey.Entry.AGGREGATE, achieved, ""
    save_as(actor, survey)
    _changed(actor, survey, "The survey's counts changed")
    return survey


@transaction.atomic
def survey_agree(*, actor, survey: Survey) -> Survey:
    """One side agrees the results; they are final, and feed the Delivery Plan, once both have."""
    survey = Survey.objects.select_for_update(of=("self",)).select_related("almo").get_for(actor, "agree", pk=survey.pk)
    if not survey.has_results:
        raise ValidationError("There are no results to agree yet: import the responses or enter the counts first.")
    precision = Precision(survey.achieved, survey.population)
    if not precision.meets and not survey.shortfall_reason.strip():
        raise ValidationError(
            {
                "shortfall_reason": (
                    f"The survey is {precision.further_needed:,} responses short of the required precision: say why "
                    "in the survey's details before agreeing it, as the Regulator asks."
                )
            }
        )
    party = record_agreement(actor, survey, survey.almo)
    save_as(actor, survey)
    other = other_party(party)
    if not survey.agreed_at(other):
        notify_party(
            almo=survey.almo,
            party=other,
            subject="Tenant survey results to agree",
            message=f"{party_name(party).capitalize()} has agreed the results of {survey}. Check and agree them.",
            link=reverse("tenants:survey_detail", args=[survey.pk]),
            except_user=actor,
        )
    return survey
