"""The report types. Each is a list of sections, and a section is one template and one selector.

A selector turns the run into plain data for its template. The same data always gives the same
fingerprint, which is how a report already rendered for identical data is reused, not redrawn.
Sections for HRA, SLAs, inspections and tenants join a report by adding a `Section` to its list.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from almo_portal.charts import Point, trend_chart
from delivery_plans import selectors as plan_selectors
from delivery_plans.models import Actual, Amendment, Concern, DeliveryPlan, Return, Target, financial_year_label
from reporting.models import ReportRun

# Bump when report templates change in a way that should not reuse older files.
TEMPLATE_VERSION = "1"


@dataclass(frozen=True)
class Section:
    template: str
    selector: Callable[[ReportSource], dict]
    title: str = ""


@dataclass(frozen=True)
class ReportType:
    title: str
    sections: list[Section]
    formats: tuple[str, ...] = (ReportRun.Format.PDF,)


class ReportSource:
    """What a run is about, loaded once and shared by its sections."""

    def __init__(self, run: ReportRun):
        self.run = run
        self.year = run.parameters.get("year")
        self.quarter = run.parameters.get("quarter")

    @property
    def period_label(self) -> str:
        return f"Q{self.quarter} {financial_year_label(self.year)}"

    @cached_property
    def return_record(self) -> Return | None:
        if "return_id" in self.run.parameters:
            return Return.objects.select_related("plan__almo__council", "submitted_by", "accepted_by").get(
                pk=self.run.parameters["return_id"]
            )
        plan = self.plan
        if plan is None:
            return None
        return (
            Return.objects.filter(plan=plan, year=self.year, quarter=self.quarter)
            .select_related("plan__almo__council", "submitted_by", "accepted_by")
            .first()
        )

    @cached_property
    def plan(self) -> DeliveryPlan | None:
        if "return_id" in self.run.parameters:
            return self.return_record.plan
        return (
            DeliveryPlan.objects.filter(almo=self.run.almo, first_year__lte=self.year, last_year__gte=self.year)
            .exclude(status=DeliveryPlan.Status.DRAFT)
            .select_related("almo__council")
            .first()
        )

    @cached_property
    def rows(self) -> list:
        return plan_selectors.return_rows(self.return_record) if self.return_record else []

    @cached_property
    def history(self) -> dict:
        if not self.plan:
            return {}
        record = self.return_record
        year, quarter = (record.year, record.quarter) if record else (self.year, self.quarter)
        return plan_selectors.indicator_history(self.plan, year, quarter)


# Plain data --------------------------------------------------------------------------------------


def _number(value, places=1):
    return None if value is None else f"{value:.{places}f}"


def _row_data(row, history=None) -> dict:
    indicator = row.indicator
    places = indicator.decimal_places
    points = [Point(h["label"], h["actual"], h["target"]) for h in (history or [])]
    return {
        "code": indicator.code,
        "name": indicator.name,
        "unit": indicator.get_unit_display(),
        "polarity": indicator.get_polarity_display(),
        "target": _number(row.target.value if row.target else None, places),
        "tolerance": _number(row.target.tolerance if row.target else None, places),
        "actual": _number(row.actual.value, places),
        "numerator": _number(row.actual.numerator, 0) if row.actual.numerator is not None else None,
        "denominator": _number(row.actual.denominator, 0) if row.actual.denominator is not None else None,
        "variance": _number(row.assessment.variance, places),
        "percent_variance": _number(row.assessment.percent_variance, 1),
        "rag": row.assessment.rag,
        "trend_previous": row.assessment.trend_previous,
        "trend_year_ago": row.assessment.trend_year_ago,
        "what_happened": row.actual.what_happened,
        "why": row.actual.why,
        "recovery_action": row.actual.recovery_action,
        "expected_recovery": row.actual.expected_recovery.isoformat() if row.actual.expected_recovery else "",
        "queries": [
            {
                "status": query.get_status_display(),
                "messages": [
                    {"party": m.get_party_display(), "at": m.created_at.strftime("%d %b %Y"), "text": m.text}
                    for m in query.messages.all()
                ],
            }
            for query in row.actual.queries.all()
        ],
        "history": [
            {"label": p.label, "actual": _number(p.actual, places), "target": _number(p.target, places)} for p in points
        ],
        "chart": trend_chart(points, f"{indicator.code} actual against target, last {len(points)} quarters")
        if points
        else "",
    }


def _counts(rows) -> dict:
    return plan_selectors.rag_counts(rows)


# Section selectors -------------------------------------------------------------------------------


def cover(source: ReportSource) -> dict:
    run = source.run
    return {
        "title": REPORT_TYPES[run.kind].title,
        "organisation": run.almo.name if run.almo_id else run.council.name,
        "council": run.council.name,
        "period": source.period_label,
        "status": source.return_record.get_status_display() if run.almo_id and source.return_record else "",
    }


def return_summary(source: ReportSource) -> dict:
    rows = source.rows
    return {
        "has_data": bool(source.return_record),
        "counts": _counts(rows),
        "reds": [r.indicator.code + " " + r.indicator.name for r in rows if r.assessment.rag == "red"],
        "period": source.period_label,
    }


def return_indicators(source: ReportSource) -> dict:
    return {"rows": [_row_data(row, source.history.get(row.actual.plan_indicator_id)) for row in source.rows]}


def sign_off(source: ReportSource) -> dict:
    record = source.return_record
    if not record:
        return {"has_data": False}
    return {
        "has_data": True,
        "status": record.get_status_display(),
        "submitted_by": record.submitted_by.get_full_name() if record.submitted_by else "",
        "submitted_at": record.submitted_at.strftime("%d %B %Y") if record.submitted_at else "",
        "accepted_by": record.accepted_by.get_full_name() if record.accepted_by else "",
        "accepted_at": record.accepted_at.strftime("%d %B %Y") if record.accepted_at else "",
    }


def council_variances(source: ReportSource) -> dict:
    """Every red and amber figure across the council's ALMOs for the period, with commentary.

    Draft returns are left out: the council sees figures once the ALMO has sent them.
    """
    council = source.run.council
    actuals = list(
        Actual.objects.filter(
            return_record__plan__almo__council=council,
            return_record__year=source.year,
            return_record__quarter=source.quarter,
            rag__in=["red", "amber"],
        )
        .exclude(return_record__status=Return.Status.DRAFT)
        .select_related("plan_indicator__indicator", "return_record__plan__almo")
        .order_by("return_record__plan__almo__name", "-rag", "plan_indicator__indicator__code")
    )
    targets = {
        (t.plan_indicator_id, t.year, t.quarter): t
        for t in Target.objects.filter(plan_indicator__plan__almo__council=council, year=source.year)
    }
    returns = (
        Return.objects.filter(plan__almo__council=council, year=source.year, quarter=source.quarter)
        .select_related("plan__almo")
        .order_by("plan__almo__name")
    )
    almos = list(council.almos.order_by("name").values_list("name", flat=True))
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
                "expected_recovery": a.expected_recovery.isoformat() if a.expected_recovery else "",
            }
        )
    return {
        "period": source.period_label,
        "almos": [{"name": name, "status": reported.get(name, "No return")} for name in almos],
        "rows": rows,
    }


def open_concerns(source: ReportSource) -> dict:
    concerns = Concern.objects.open().select_related("plan__almo", "plan_indicator__indicator")
    concerns = (
        concerns.filter(plan__almo=source.run.almo)
        if source.run.almo_id
        else concerns.filter(plan__almo__council=source.run.council)
    )
    return {
        "concerns": [
            {
                "almo": c.plan.almo.name,
                "title": c.title,
                "about": c.get_about_party_display(),
                "status": c.get_status_display(),
                "opened": c.opened_at.strftime("%d %b %Y"),
                "recovery_action": c.recovery_action,
            }
            for c in concerns.order_by("plan__almo__name", "opened_at")
        ]
    }


def open_amendments(source: ReportSource) -> dict:
    amendments = Amendment.objects.open().select_related("plan__almo", "target__plan_indicator__indicator")
    amendments = (
        amendments.filter(plan__almo=source.run.almo)
        if source.run.almo_id
        else amendments.filter(plan__almo__council=source.run.council)
    )
    return {
        "amendments": [
            {
                "almo": a.plan.almo.name,
                "title": str(a),
                "proposed_by": a.get_proposing_party_display(),
                "proposed_at": a.proposed_at.strftime("%d %b %Y"),
                "reason": a.reason,
            }
            for a in amendments.order_by("plan__almo__name", "proposed_at")
        ]
    }


def board_summary(source: ReportSource) -> dict:
    """The ten-minute read: where the ALMO stands, what is off track, and what needs the board."""
    rows = source.rows
    reds = [r for r in rows if r.assessment.rag == "red"]
    ambers = [r for r in rows if r.assessment.rag == "amber"]
    return {
        "has_data": bool(source.return_record),
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


COVER = Section("reporting/sections/cover.html", cover)
RETURN_SUMMARY = Section("reporting/sections/return_summary.html", return_summary, "Summary")
RETURN_INDICATORS = Section("reporting/sections/indicators.html", return_indicators, "Indicators")
SIGN_OFF = Section("reporting/sections/sign_off.html", sign_off, "Sign-off")
COUNCIL_VARIANCES = Section("reporting/sections/council_variances.html", council_variances, "Red and amber variances")
OPEN_CONCERNS = Section("reporting/sections/concerns.html", open_concerns, "Open performance concerns")
OPEN_AMENDMENTS = Section("reporting/sections/amendments.html", open_amendments, "Amendments waiting for agreement")
BOARD_SUMMARY = Section("reporting/sections/board_summary.html", board_summary, "Summary for the board")

REPORT_TYPES: dict[str, ReportType] = {
    ReportRun.Kind.QUARTERLY_RETURN: ReportType(
        "Quarterly performance return", [COVER, RETURN_SUMMARY, RETURN_INDICATORS, SIGN_OFF]
    ),
    ReportRun.Kind.COUNCIL_VARIANCE: ReportType(
        "Council variance report",
        [COVER, COUNCIL_VARIANCES, OPEN_CONCERNS, OPEN_AMENDMENTS],
        formats=(ReportRun.Format.PDF, ReportRun.Format.XLSX),
    ),
    ReportRun.Kind.BOARD_PACK: ReportType(
        "Board pack", [COVER, BOARD_SUMMARY, OPEN_CONCERNS, OPEN_AMENDMENTS, RETURN_INDICATORS]
    ),
}


@dataclass
class BuiltReport:
    title: str
    sections: list[dict] = field(default_factory=list)
    fingerprint: str = ""


def build(run: ReportRun) -> BuiltReport:
    """Run every section's selector; the fingerprint covers the data, the kind, the format and the templates."""
    report_type = REPORT_TYPES[run.kind]
    source = ReportSource(run)
    sections = []
    for index, section in enumerate(report_type.sections, start=1):
        data = section.selector(source)
        sections.append({"id": f"section-{index}", "title": section.title, "template": section.template, "data": data})
    fingerprint_data = [
        run.kind,
        run.format,
        TEMPLATE_VERSION,
        [{key: value for key, value in s["data"].items()} for s in sections],
    ]
    digest = hashlib.sha256(json.dumps(fingerprint_data, sort_keys=True, default=str).encode()).hexdigest()
    return BuiltReport(report_type.title, sections, digest)
