"""Reads for tenant voice: each survey's counts and results by the Regulator's rules, and its precision.

Counts come from the respondents (one query for any number of surveys) or from a survey house's totals;
the results are worked out from them every time, so nothing typed can disagree with the answers.

`tsm_results` is how the Delivery Plan takes the figures without anyone retyping them: see its docstring.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q

from tenants.measures import MEASURES, SCALE, Counts, Result, measures_for
from tenants.models import AggregateCount, Recommendation, Survey, SurveyResponse
from tenants.precision import Precision


def _response_aggregates() -> dict:
    """Count(...) expressions for every measure: each scale point, and those asked but off the scale."""
    aggregates = {}
    for measure in MEASURES:
        asked = Q(**{measure.screen: True}) if measure.screen else Q()
        for point in SCALE:
            aggregates[f"{measure.field}_{point}"] = Count("pk", filter=asked & Q(**{measure.field: point}))
        aggregates[f"{measure.field}_off"] = Count("pk", filter=asked & Q(**{f"{measure.field}__isnull": True}))
    return aggregates


def counts_for_surveys(surveys: Iterable[Survey]) -> dict[int, dict[str, Counts]]:
    """survey id -> code -> Counts, for every survey given, in two queries however many there are."""
    surveys = list(surveys)
    found: dict[int, dict[str, Counts]] = {survey.pk: {} for survey in surveys}
    from_responses = [s.pk for s in surveys if s.entry == Survey.Entry.RESPONSES]
    from_totals = [s.pk for s in surveys if s.entry == Survey.Entry.AGGREGATE]
    if from_responses:
        rows = (
            SurveyResponse.objects.filter(survey_id__in=from_responses)
            .values("survey_id")
            .annotate(**_response_aggregates())
            .order_by()
        )
        for row in rows:
            found[row["survey_id"]] = {
                m.code: Counts(tuple(row[f"{m.field}_{p}"] for p in SCALE), row[f"{m.field}_off"]) for m in MEASURES
            }
    if from_totals:
        for count in AggregateCount.objects.filter(survey_id__in=from_totals):
            found[count.survey_id][count.code] = Counts(count.scale, count.not_on_scale)
    return found


def results_from_counts(survey: Survey, counts: dict[str, Counts]) -> list[Result]:
    """The measures reported for the survey's tenure, in code order; a measure with no counts has a base of 0."""
    empty = Counts((0, 0, 0, 0, 0))
    return [Result(measure, counts.get(measure.code, empty)) for measure in measures_for(survey.tenure)]


def survey_results(survey: Survey) -> list[Result]:
    return results_from_counts(survey, counts_for_surveys([survey])[survey.pk])


def survey_precision(survey: Survey) -> Precision:
    return Precision(achieved=survey.achieved, population=survey.population)


@dataclass(frozen=True)
class TsmFigure:
    """A perception measure's agreed figure, with where it came from, for a Delivery Plan return."""

    code: str
    numerator: int
    denominator: int
    value: Decimal
    survey_id: int
    provenance: str


def tsm_results(almo, year: int, tenure: str = "lcra") -> dict[str, TsmFigure]:
    """TP01 to TP12 from `almo`'s survey of `tenure` for financial `year`, once both parties have agreed it.

    Code -> TsmFigure (numerator, denominator, value to one place, the survey's id and a provenance line). Empty
    when there is no agreed survey; a measure with a base of zero is left out, as it has no figure. The caller
    decides who may see them: this is for the Delivery Plan's return, which is scoped by its own rule.
    """
    survey = Survey.objects.agreed().filter(almo=almo, year=year, tenure=tenure).select_related("almo").first()
    if survey is None:
        return {}
    provenance = (
        f"From the {survey.year_label} {survey.get_tenure_display_short()} tenant survey "
        f"({survey.achieved:,} responses, {survey.get_method_display().lower()}), agreed by the council and the ALMO"
    )
    return {
        result.measure.code: TsmFigure(
            result.measure.code, result.numerator, result.denominator, result.value, survey.pk, provenance
        )
        for result in survey_results(survey)
        if result.denominator
    }


def previous_survey(survey: Survey) -> Survey | None:
    """The same ALMO's agreed survey of the same tenure for the year before, for the trend."""
    return Survey.objects.agreed().filter(almo_id=survey.almo_id, tenure=survey.tenure, year=survey.year - 1).first()


def trend_rows(survey: Survey) -> list[dict]:
    """Each measure's result beside last year's agreed result, with the change in percentage points."""
    earlier = previous_survey(survey)
    surveys = [survey] + ([earlier] if earlier else [])
    counts = counts_for_surveys(surveys)
    last_year = {r.measure.code: r for r in results_from_counts(earlier, counts[earlier.pk])} if earlier else {}
    rows = []
    for result in results_from_counts(survey, counts[survey.pk]):
        before = last_year.get(result.measure.code)
        before_value = before.value if before else None
        change = result.value - before_value if result.value is not None and before_value is not None else None
        rows.append({"result": result, "last_year": before_value, "change": change})
    return rows


def recommendations_awaiting(user):
    """Recommendations the user's side must answer: the ALMO's staff respond to their groups."""
    return Recommendation.objects.restrict(user, "respond").awaiting_response()


def surveys_awaiting_my_agreement(user):
    """Surveys with results that the user's side (the council's officers or the ALMO's staff) has not agreed."""
    as_council = Survey.objects.restrict(user, "agree_as_council").filter(council_agreed_at__isnull=True)
    as_almo = Survey.objects.restrict(user, "agree_as_almo").filter(almo_agreed_at__isnull=True)
    return (as_council | as_almo).filter(achieved__gt=0)
