"""Delivery Plan sections of the reports: the return, the council's variances, concerns and amendments.

Each selector turns a report's subject into plain data for its template; `apps.py` registers them
with `core.registries.report_sections`. Records are found through the declared owner paths of the
access rule (`owned_by`), never by filtering on organisation fields by hand.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from core import registries
from core.charts import Point, trend_chart
from core.dates import govuk_date
from core.numbers import format_money, format_number, format_signed
from core.reports import BOARD_PACK, COUNCIL_VARIANCE, QUARTERLY_RETURN, ReportSource
from core.variance import TREND_LABELS
from delivery_plans import selectors as plan_selectors
from delivery_plans.models import Actual, Amendment, Concern, DeliveryPlan, Return, Target


def _return_record(source: ReportSource) -> Return | None:
    def load():
        related = ("plan__almo__council", "submitted_by", "accepted_by")
        if "return_id" in source.parameters:
            return Return.objects.select_related(*related).get(pk=source.parameters["return_id"])
        plan = _plan(source)
        if plan is None:
            return None
        return (
            Return.objects.filter(plan=plan, year=source.year, quarter=source.quarter).select_related(*related).first()
        )

    return source.memo("delivery_plans.return", load)


def _plan(source: ReportSource) -> DeliveryPlan | None:
    def load():
        if "return_id" in source.parameters:
            return _return_record(source).plan
        if source.almo is None:
            return None
        return (
            DeliveryPlan.objects.owned_by(almo=source.almo)
            .filter(first_year__lte=source.year, last_year__gte=source.year)
            .exclude(status=DeliveryPlan.Status.DRAFT)
            .select_related("almo__council")
            .first()
        )

    return source.memo("delivery_plans.plan", load)


def _rows(source: ReportSource) -> list:
    def load():
        record = _return_record(source)
        return plan_selectors.return_rows(record) if record else []

    return source.memo("delivery_plans.rows", load)


def _history(source: ReportSource) -> dict:
    def load():
        plan = _plan(source)
        if not plan:
            return {}
        record = _return_record(source)
        year, quarter = (record.year, record.quarter) if record else (source.year, source.quarter)
        return plan_selectors.indicator_history(plan, year, quarter)

    return source.memo("delivery_plans.history", load)


# Plain data --------------------------------------------------------------------------------------


def _number(value, places=1):
    return format_number(value, places, grouping=False)


# A variance is in the indicator's own unit: for a percentage it is percentage points, never a percent.
VARIANCE_UNITS = {
    "percentage": "points",
    "days": "days",
    "sap_points": "SAP points",
    "rate_per_1000": "per 1,000 homes",
}


def _variance_text(variance, places: int, unit: str) -> str | None:
    if variance is None:
        return None
    if unit == "pounds":
        return ("+" if variance > 0 else "") + format_money(variance)
    return " ".join(filter(None, [format_signed(variance, places), VARIANCE_UNITS.get(unit, "")]))


def _row_data(row, history=None) -> dict:
    indicator = row.indicator
    places = indicator.decimal_places
    points = [Point(h["label"], h["actual"], h["target"], h.get("tolerance")) for h in (history or [])]
    return {
        "code": indicator.code,
        "name": indicator.name,
        "unit": indicator.get_unit_display(),
        "polarity": indicator.get_polarity_display(),
        "target": _number(row.target.value if row.target else None, places),
        # A zero tolerance is no band at all: say nothing rather than "± 0".
        "tolerance": _number(row.target.tolerance, places) if row.target and row.target.tolerance else None,
        "actual": _number(row.actual.value, places),
        "numerator": _number(row.actual.numerator, 0) if row.actual.numerator is not None else None,
        "denominator": _number(row.actual.denominator, 0) if row.actual.denominator is not None else None,
        "variance": _variance_text(row.assessment.variance, places, indicator.unit),
        "percent_variance": format_signed(row.assessment.percent_variance, 1),
        "rag": row.assessment.rag,
        "trend_previous": TREND_LABELS[row.assessment.trend_previous],
        "trend_year_ago": TREND_LABELS[row.assessment.trend_year_ago],
        "what_happened": row.actual.what_happened,
        "why": row.actual.why,
        "recovery_action": row.actual.recovery_action,
        "expected_recovery": row.actual.expected_recovery,
        "queries": [
            {
                "status": query.get_status_display(),
                "messages": [
                    {"party": m.get_party_display(), "at": govuk_date(m.created_at), "text": m.text}
                    for m in query.messages.all()
                ],
            }
            for query in row.actual.queries.all()
        ],
        "history": [
            {"label": p.label, "actual": _number(p.actual, places), "target": _number(p.target, places)} for p in points
        ],
        "chart": trend_chart(
            points,
            f"{indicator.code} actual against target, last {len(points)} quarters",
            decimal_places=places,
            polarity=indicator.polarity,
        )
        if points
        else "",
    }


def _counts(rows) -> dict:
    return plan_selectors.rag_counts(rows)


# Section selectors -------------------------------------------------------------------------------


def return_summary(source: ReportSource) -> dict:
    rows = _rows(source)
    return {
        "has_data": bool(_return_record(source)),
        "counts": _counts(rows),
        "reds": [r.indicator.code + " " + r.indicator.name for r in rows if r.assessment.rag == "red"],
        "period": source.period_label,
    }


def return_indicators(source: ReportSource) -> dict:
    return {"rows": [_row_data(row, _history(source).get(row.actual.plan_indicator_id)) for row in _rows(source)]}


def sign_off(source: ReportSource) -> dict:
    record = _return_record(source)
    if not record:
        return {"has_data": False}
    return {
        "has_data": True,
        "status": record.get_status_display(),
        "submitted_by": record.submitted_by.get_full_name() if record.submitted_by else "",
        "submitted_at": govuk_date(record.submitted_at),
        "accepted_by": record.accepted_by.get_full_name() if record.accepted_by else "",
        "accepted_at": govuk_date(record.accepted_at),
    }


def council_variances(source: ReportSource) -> dict:
    """Every red and amber figure across the council's ALMOs for the period, with commentary.

    Draft returns are left out: the council sees figures once the ALMO has sent them.
    """
    council = source.council
    actuals = list(
        Actual.objects.owned_by(council=council)
        .filter(
            return_record__year=source.year,
            return_record__quarter=source.quarter,
            rag__in=["red", "amber"],
        )
        .exclude(return_record__status=Return.Status.DRAFT)
        .select_related("plan_indicator__indicator", "return_record__plan__almo")
        .order_by("return_record__plan__almo__name", "-rag", "plan_indicator__indicator__sort_key")
    )
    targets = {
        (t.plan_indicator_id, t.year, t.quarter): t
        for t in Target.objects.owned_by(council=council).filter(year=source.year)
    }
    returns = (
        Return.objects.owned_by(council=council)
        .filter(year=source.year, quarter=source.quarter)
        .select_related("plan__almo")
        .order_by("plan__almo__name")
    )
    almos = [almo.name for almo in council.almos.order_by("name")]
    reported = {r.plan.almo.name: r.get_status_display() for r in returns}
    rows = []
    for a in actuals:
        indicator = a.plan_indicator.indicator
        target = plan_selectors.target_for(targets, a.plan_indicator_id, source.year, source.quarter, indicator.unit)
        rows.append(
            {
                "almo": a.return_record.plan.almo.name,
                "return_status": a.return_record.get_status_display(),
                "code": indicator.code,
                "name": indicator.name,
                "unit": indicator.get_unit_display(),
                "actual": _number(a.value, indicator.decimal_places),
                "target": _number(target.value if target else None, indicator.decimal_places),
                "tolerance": _number(target.tolerance if target else None, indicator.decimal_places),
                "rag": a.rag,
                "what_happened": a.what_happened,
                "why": a.why,
                "recovery_action": a.recovery_action,
                "expected_recovery": a.expected_recovery,
            }
        )
    return {
        "period": source.period_label,
        "almos": [{"name": name, "status": reported.get(name, "No return")} for name in almos],
        "rows": rows,
    }


def open_concerns(source: ReportSource) -> dict:
    concerns = (
        Concern.objects.owned_by(council=source.council, almo=source.almo)
        .open()
        .select_related("plan__almo", "plan_indicator__indicator")
    )
    return {
        "concerns": [
            {
                "almo": c.plan.almo.name,
                "title": c.title,
                "about": c.get_about_party_display(),
                "status": c.get_status_display(),
                "opened": timezone.localdate(c.opened_at),
                "recovery_action": c.recovery_action,
            }
            for c in concerns.order_by("plan__almo__name", "opened_at")
        ]
    }


def open_amendments(source: ReportSource) -> dict:
    amendments = (
        Amendment.objects.owned_by(council=source.council, almo=source.almo)
        .open()
        .select_related("plan__almo", "target__plan_indicator__indicator")
    )
    return {
        "amendments": [
            {
                "almo": a.plan.almo.name,
                "title": str(a),
                "proposed_by": a.get_proposing_party_display(),
                "proposed_at": timezone.localdate(a.proposed_at),
                "reason": a.reason,
            }
            for a in amendments.order_by("plan__almo__name", "proposed_at")
        ]
    }


def board_summary(source: ReportSource) -> dict:
    """The ten-minute read: where the ALMO stands, what is off track, and what needs the board."""
    rows = _rows(source)
    reds = [r for r in rows if r.assessment.rag == "red"]
    ambers = [r for r in rows if r.assessment.rag == "amber"]
    return {
        "has_data": bool(_return_record(source)),
        "period": source.period_label,
        "counts": _counts(rows),
        "off_track": [
            {
                "code": r.indicator.code,
                "name": r.indicator.name,
                "rag": r.assessment.rag,
                "actual": _number(r.actual.value, r.indicator.decimal_places),
                "target": _number(r.target.value if r.target else None, r.indicator.decimal_places),
                "recovery_action": r.actual.recovery_action,
            }
            for r in reds + ambers
        ],
        "improving": sum(1 for r in rows if r.assessment.trend_year_ago == "improving"),
        "worsening": sum(1 for r in rows if r.assessment.trend_year_ago == "worsening"),
    }


# Spreadsheet sheets, from the same data as the PDF: numbers as numbers ---------------------------


def _decimal(text):
    return None if text in (None, "") else Decimal(text)


VARIANCE_COLUMNS = [
    "ALMO",
    "Period",
    "Return status",
    "Indicator",
    "Name",
    "Unit",
    "Target",
    "Tolerance",
    "Actual",
    "Status",
    "What happened",
    "Why",
    "Recovery action",
    "Expected back on target",
]


def variance_sheets(data: dict) -> list:
    rows = [
        [
            r["almo"],
            data["period"],
            r["return_status"],
            r["code"],
            r["name"],
            r["unit"],
            _decimal(r["target"]),
            _decimal(r["tolerance"]),
            _decimal(r["actual"]),
            r["rag"],
            r["what_happened"],
            r["why"],
            r["recovery_action"],
            r["expected_recovery"],
        ]
        for r in data["rows"]
    ]
    return [("Variances", VARIANCE_COLUMNS, rows)]


def concern_sheets(data: dict) -> list:
    header = ["ALMO", "Concern", "About", "Status", "Opened", "Recovery action"]
    rows = [
        [c["almo"], c["title"], c["about"], c["status"], c["opened"], c["recovery_action"]] for c in data["concerns"]
    ]
    return [("Concerns", header, rows)]


def amendment_sheets(data: dict) -> list:
    header = ["ALMO", "Amendment", "Proposed by", "Proposed on", "Reasons"]
    rows = [[a["almo"], a["title"], a["proposed_by"], a["proposed_at"], a["reason"]] for a in data["amendments"]]
    return [("Amendments", header, rows)]


def register() -> None:
    """Add this app's sections to the reports; called from `DeliveryPlansConfig.ready()`."""
    Section = registries.ReportSection
    folder = "delivery_plans/report_sections"
    summary = f"{folder}/return_summary.html"
    indicators = f"{folder}/indicators.html"
    concerns = f"{folder}/concerns.html"
    amendments = f"{folder}/amendments.html"
    for section in (
        Section(QUARTERLY_RETURN, summary, return_summary, "Summary", order=20),
        Section(QUARTERLY_RETURN, indicators, return_indicators, "Indicators", order=30),
        Section(QUARTERLY_RETURN, f"{folder}/sign_off.html", sign_off, "Sign-off", order=40),
        Section(
            COUNCIL_VARIANCE,
            f"{folder}/council_variances.html",
            council_variances,
            "Red and amber variances",
            order=20,
            sheets=variance_sheets,
        ),
        Section(COUNCIL_VARIANCE, concerns, open_concerns, "Open performance concerns", 30, concern_sheets),
        Section(
            COUNCIL_VARIANCE, amendments, open_amendments, "Amendments waiting for agreement", 40, amendment_sheets
        ),
        Section(BOARD_PACK, f"{folder}/board_summary.html", board_summary, "Summary for the board", order=20),
        Section(BOARD_PACK, concerns, open_concerns, "Open performance concerns", order=30),
        Section(BOARD_PACK, amendments, open_amendments, "Amendments waiting for agreement", order=40),
        Section(BOARD_PACK, indicators, return_indicators, "Indicators", order=50),
    ):
        registries.report_sections.register(section)
