"""Inspection readiness in the reports: a section for the board pack (one ALMO) and the council's variance report
(every ALMO of the council). Records are found through the access rule's declared owner paths (`owned_by`)."""

from __future__ import annotations

from core import clock, registries
from core.dates import govuk_date
from core.reports import BOARD_PACK, COUNCIL_VARIANCE, ReportSource
from inspections.models import ImprovementAction
from inspections.selectors import overview_rows
from organisations.models import Almo

GAPS_SHOWN = 10


def _stars(judged) -> str:
    prediction = judged.prediction
    return prediction.label + (" (provisional)" if prediction.provisional and prediction.stars is not None else "")


def readiness_section(source: ReportSource) -> dict:
    today = clock.today()
    # One ALMO's board pack, or every ALMO of the council for the council's report.
    almos = Almo.objects.filter(pk=source.almo.pk) if source.almo else Almo.objects.owned_by(council=source.council)
    almos = almos.select_related("council").order_by("name")
    rows = []
    for row in overview_rows(almos, today):
        deadline = row["deadline"]
        rows.append(
            {
                "almo": row["almo"].name,
                "assessments": [
                    {
                        "framework": assessment.framework.name,
                        "predicted": _stars(judged),
                        "average": judged.average,
                        "scored": judged.scored,
                        "total": judged.total,
                        "areas": [
                            {"title": a.area.title, "average": a.average, "band": a.band, "scored": a.scored}
                            for a in judged.areas
                        ],
                        "gaps": [
                            {"code": g.answer.question.code, "reasons": "; ".join(g.reasons)}
                            for g in judged.gaps[:GAPS_SHOWN]
                        ],
                        "more_gaps": max(len(judged.gaps) - GAPS_SHOWN, 0),
                    }
                    for assessment, judged in row["assessments"]
                ],
                "open_actions": row["actions"]["open"],
                "overdue_actions": row["actions"]["overdue"],
                "next_inspection": (
                    f"{row['next_inspection'].title}, {govuk_date(row['next_inspection'].starts_on)}"
                    if row["next_inspection"]
                    else ""
                ),
                "deadline": deadline.status if deadline.applies else "",
                "warnings": row["statutory_warnings"],
            }
        )
    overdue = (
        ImprovementAction.objects.owned_by(council=source.council, almo=source.almo)
        .overdue(today)
        .select_related("almo")
        .order_by("due_on")
    )
    return {
        "rows": rows,
        "overdue": [
            {"almo": a.almo.name, "title": a.title, "owner": a.owner, "due": govuk_date(a.due_on)} for a in overdue
        ],
    }


def readiness_sheets(data: dict) -> list:
    header = ["ALMO", "Framework", "Predicted rating", "Average score", "Questions scored", "Questions", "Gaps"]
    rows = [
        [
            row["almo"],
            a["framework"],
            a["predicted"],
            a["average"],
            a["scored"],
            a["total"],
            len(a["gaps"]) + a["more_gaps"],
        ]
        for row in data["rows"]
        for a in row["assessments"]
    ]
    return [("Inspection readiness", header, rows)]


def register() -> None:
    template = "inspections/report_sections/readiness.html"
    for section in (
        registries.ReportSection(BOARD_PACK, template, readiness_section, "Inspection readiness", order=60),
        registries.ReportSection(
            COUNCIL_VARIANCE, template, readiness_section, "Inspection readiness", order=60, sheets=readiness_sheets
        ),
    ):
        registries.report_sections.register(section)
