"""SLA sections of the council variance report and the board pack: charges and value for money, standards red in
the report's quarter, and open disputes.

Records are found through the declared owner paths of the access rule (`owned_by`), never by filtering on
organisation fields by hand.
"""

from __future__ import annotations

from django.utils import timezone

from core import registries
from core.reports import BOARD_PACK, COUNCIL_VARIANCE, ReportSource
from slas import selectors
from slas.models import Dispute, ServiceLevelAgreement, StandardResult


def _slas(source: ReportSource):
    return ServiceLevelAgreement.objects.owned_by(council=source.council, almo=source.almo)


def sla_summary(source: ReportSource) -> dict:
    """Each SLA in force: its charge, per home, against the middle benchmark, and the standards red this quarter."""
    slas = selectors.register_rows(_slas(source).live().order_by("almo__name", "title"))
    reds = list(
        StandardResult.objects.owned_by(council=source.council, almo=source.almo)
        .filter(year=source.year, quarter=source.quarter, rag="red")
        .select_related("standard__version__sla__almo")
        .order_by("standard__version__sla__almo__name", "standard__version__sla__title", "standard__title")
    )
    disputes = (
        Dispute.objects.owned_by(council=source.council, almo=source.almo)
        .open()
        .select_related("sla__almo")
        .order_by("sla__almo__name", "raised_at")
    )
    return {
        "period": source.period_label,
        "slas": [
            {
                "almo": sla.almo.name,
                "title": sla.title,
                "service": sla.get_service_display(),
                "status": sla.get_status_display(),
                "annual_charge": sla.current_version.annual_charge,
                "cost_per_home": sla.value.cost_per_home,
                "benchmark_per_home": sla.value.benchmark_per_home,
                "difference": sla.value.difference_percent,
                "flagged": sla.value.above_benchmark,
                "review_date": sla.current_version.review_date,
                "red_standards": sla.red_standards,
            }
            for sla in slas
        ],
        "reds": [
            {
                "almo": r.standard.version.sla.almo.name,
                "sla": r.standard.version.sla.title,
                "standard": r.standard.title,
                "actual": r.actual,
                "target": r.target,
                "what_happened": r.what_happened,
                "action": r.action,
            }
            for r in reds
        ],
        "disputes": [
            {
                "almo": d.sla.almo.name,
                "sla": d.sla.title,
                "title": d.title,
                "stage": d.get_stage_display(),
                "raised": timezone.localdate(d.raised_at),
            }
            for d in disputes
        ],
    }


SLA_COLUMNS = [
    "ALMO",
    "SLA",
    "Service",
    "Status",
    "Annual charge (£)",
    "Per home (£)",
    "Middle benchmark per home (£)",
    "Difference (%)",
    "Above the margin",
    "Review date",
    "Standards red",
]


def sla_sheets(data: dict) -> list:
    rows = [
        [
            s["almo"],
            s["title"],
            s["service"],
            s["status"],
            s["annual_charge"],
            s["cost_per_home"],
            s["benchmark_per_home"],
            s["difference"],
            "Yes" if s["flagged"] else "No",
            s["review_date"],
            s["red_standards"],
        ]
        for s in data["slas"]
    ]
    disputes = [[d["almo"], d["sla"], d["title"], d["stage"], d["raised"]] for d in data["disputes"]]
    return [
        ("SLAs", SLA_COLUMNS, rows),
        ("SLA disputes", ["ALMO", "SLA", "Dispute", "Stage", "Raised"], disputes),
    ]


def register() -> None:
    """Add this app's sections to the reports; called from `SlasConfig.ready()`."""
    template = "slas/report_sections/slas.html"
    for report, order in ((COUNCIL_VARIANCE, 60), (BOARD_PACK, 70)):
        registries.report_sections.register(
            registries.ReportSection(report, template, sla_summary, "Service level agreements", order, sla_sheets)
        )
