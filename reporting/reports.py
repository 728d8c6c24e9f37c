"""The report types. A report is a cover and the sections the portal's apps register for its kind.

Each app adds its sections from its `AppConfig.ready()` through `core.registries.report_sections`
(see `delivery_plans/report_sections.py`); this module names no app. A section's selector turns the
run's subject into plain data for its template. The same data always gives the same fingerprint,
which is how a report already rendered for identical data is reused, not redrawn.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from django.core import checks

from core import registries
from core.reports import ReportSource
from reporting.models import ReportRun

# Bump when report templates change in a way that should not reuse older files.
TEMPLATE_VERSION = "2"


@dataclass(frozen=True)
class ReportType:
    title: str
    formats: tuple[str, ...] = (ReportRun.Format.PDF,)


REPORT_TYPES: dict[str, ReportType] = {
    ReportRun.Kind.QUARTERLY_RETURN: ReportType("Quarterly performance return"),
    ReportRun.Kind.COUNCIL_VARIANCE: ReportType(
        "Council variance report", formats=(ReportRun.Format.PDF, ReportRun.Format.XLSX)
    ),
    ReportRun.Kind.BOARD_PACK: ReportType("Board pack"),
    ReportRun.Kind.MEETING_PACK: ReportType("Meeting pack"),
    ReportRun.Kind.CONSULTATION_REPORT: ReportType("Consultation report"),
}

COVER_TEMPLATE = "reporting/sections/cover.html"


def sections_for(kind: str) -> list[registries.ReportSection]:
    return [section for section in registries.report_sections if section.report == kind]


def source_for(run: ReportRun) -> ReportSource:
    return ReportSource(
        kind=run.kind,
        council=run.council,
        almo=run.almo if run.almo_id else None,
        year=run.parameters.get("year"),
        quarter=run.parameters.get("quarter"),
        parameters=run.parameters,
        title=REPORT_TYPES[run.kind].title,
    )


def cover(source: ReportSource) -> dict:
    return {
        "title": source.title,
        "organisation": source.organisation.name,
        "council": source.council.name,
        # A meeting pack or a consultation report is not about a quarter: its label names what it is about.
        "period": source.period_label or source.parameters.get("label", ""),
    }


@dataclass
class BuiltReport:
    title: str
    sections: list[dict] = field(default_factory=list)
    fingerprint: str = ""

    def sheets(self) -> list[tuple[str, list[str], list[list]]]:
        """The spreadsheet form of the report: the sheets of every section that has them, in order."""
        return [sheet for section in self.sections if section["sheets"] for sheet in section["sheets"](section["data"])]


def build(run: ReportRun) -> BuiltReport:
    """Run every section's selector; the fingerprint covers the data, the kind, the format and the templates."""
    source = source_for(run)
    sections = [{"id": "section-1", "title": "", "template": COVER_TEMPLATE, "data": cover(source), "sheets": None}]
    for index, section in enumerate(sections_for(run.kind), start=2):
        data = section.selector(source)
        sections.append(
            {
                "id": f"section-{index}",
                "title": section.title,
                "template": section.template,
                "data": data,
                "sheets": section.sheets,
            }
        )
    fingerprint_data = [run.kind, run.format, TEMPLATE_VERSION, [[s["template"], s["data"]] for s in sections]]
    digest = hashlib.sha256(json.dumps(fingerprint_data, sort_keys=True, default=str).encode()).hexdigest()
    return BuiltReport(source.title, sections, digest)


@checks.register()
def check_report_sections(app_configs=None, **kwargs):
    """A section registered for a kind of report that does not exist would never be shown."""
    return [
        checks.Error(
            f"A report section ({section.template}) is registered for '{section.report}', which is not a kind "
            "of report.",
            hint=f"Use one of: {', '.join(REPORT_TYPES)}.",
            id="reporting.E001",
        )
        for section in registries.report_sections
        if section.report not in REPORT_TYPES
    ]
