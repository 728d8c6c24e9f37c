"""The tenant survey section of the board pack: the latest results, their precision, and the change on last year.

Surveys are found through the declared owner paths of the access rule (`owned_by`), never by hand. The pack shows
the latest survey with results up to the pack's year, marked agreed or not, so a board sees a draft as a draft.
"""

from __future__ import annotations

from core import registries
from core.numbers import format_number, format_signed
from core.reports import BOARD_PACK, ReportSource
from tenants import selectors
from tenants.models import Survey


def _latest_surveys(source: ReportSource) -> list[Survey]:
    """For each ALMO and tenure in the report's scope, its latest survey with results in or before the year."""
    surveys = (
        Survey.objects.owned_by(council=source.council, almo=source.almo)
        .filter(achieved__gt=0)
        .select_related("almo")
        .order_by("almo__name", "tenure", "-year")
    )
    if source.year:
        surveys = surveys.filter(year__lte=source.year)
    latest: dict[tuple[int, str], Survey] = {}
    for survey in surveys:
        latest.setdefault((survey.almo_id, survey.tenure), survey)
    return list(latest.values())


def _percent(value) -> str | None:
    return f"{format_number(value, 1)}%" if value is not None else None


def survey_results(source: ReportSource) -> dict:
    blocks = []
    for survey in _latest_surveys(source):
        precision = selectors.survey_precision(survey)
        blocks.append(
            {
                "title": str(survey),
                "agreed": survey.is_final,
                "responses": survey.achieved,
                "margin": format_number(precision.margin, 2),
                "required": precision.required,
                "meets": precision.meets,
                "further_needed": precision.further_needed,
                "rows": [
                    {
                        "code": row["result"].measure.code,
                        "name": row["result"].measure.name,
                        "numerator": row["result"].numerator,
                        "denominator": row["result"].denominator,
                        "value": _percent(row["result"].value),
                        "last_year": _percent(row["last_year"]),
                        "change": format_signed(row["change"], 1) if row["change"] is not None else None,
                    }
                    for row in selectors.trend_rows(survey)
                ],
            }
        )
    return {"surveys": blocks}


def register() -> None:
    """Add this app's sections to the reports; called from `TenantsConfig.ready()`."""
    registries.report_sections.register(
        registries.ReportSection(
            BOARD_PACK, "tenants/report_sections/survey_results.html", survey_results, "Tenant satisfaction", order=60
        )
    )
