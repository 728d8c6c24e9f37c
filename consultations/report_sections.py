"""Consultations in the reports: a board pack section, the consultation report, and the ballot result report (PDF).

Records are found through the access rule's declared owner paths (`owned_by`). A ballot's result appears only once
the overseer has published it; before that a report shows the turnout figure, as the pages do.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from consultations import selectors
from consultations.models import Ballot, Consultation
from core import clock, registries
from core.dates import govuk_date
from core.reports import BOARD_PACK, CONSULTATION_REPORT, COUNCIL_VARIANCE, ReportSource


def _ballot_data(ballot: Ballot | None) -> dict | None:
    if ballot is None:
        return None
    data = {"status": ballot.get_status_display(), "closes_on": govuk_date(ballot.closes_on)}
    if ballot.status == Ballot.Status.PUBLISHED:
        data["results"] = [row.__dict__ for row in selectors.result_rows(ballot)]
        data["turnout"] = f"{ballot.total_votes:,} of {ballot.eligible_count:,}"
        data["final_hash"] = ballot.final_hash
    elif ballot.status == Ballot.Status.OPEN:
        data["turnout"] = f"{selectors.turnout(ballot):,} so far"
    return data


def consultations_summary(source: ReportSource) -> dict:
    """Consultations with tenants that are not yet decided, or were decided in the last year."""
    consultations = (
        Consultation.objects.owned_by(council=source.council, almo=source.almo)
        .select_related("almo", "ballot")
        .order_by("almo__name", "-created_at")
    )
    year_ago = clock.today() - dt.timedelta(days=365)
    rows = []
    for consultation in consultations:
        if consultation.decided_on and consultation.decided_on < year_ago:
            continue
        rows.append(
            {
                "almo": consultation.almo.name,
                "subject": consultation.subject,
                "method": consultation.get_method_display(),
                "status": consultation.get_status_display(),
                "decision": consultation.decision,
                "ballot": _ballot_data(getattr(consultation, "ballot", None)),
            }
        )
    return {"consultations": rows}


def consultation_sheets(data: dict) -> list:
    header = ["ALMO", "Consultation", "Method", "Status", "Ballot", "Turnout"]
    rows = [
        [
            c["almo"],
            c["subject"],
            c["method"],
            c["status"],
            (c["ballot"] or {}).get("status", ""),
            (c["ballot"] or {}).get("turnout", ""),
        ]
        for c in data["consultations"]
    ]
    return [("Consultations", header, rows)]


def result_context(ballot: Ballot) -> dict:
    """What the ballot result report shows: the count, turnout, breakdowns and the chain's final hash."""
    consultation = ballot.consultation
    return {
        "ballot": ballot,
        "consultation": consultation,
        "options": list(consultation.options.all()),
        "results": selectors.result_rows(ballot),
        "turnout_percent": selectors.turnout_percent(ballot.total_votes or 0, ballot.eligible_count),
        "breakdown": selectors.turnout_breakdown(ballot),
        "checklist": list(consultation.checklist.select_related("confirmed_by")),
        "generated_at": timezone.now(),
    }


def _consultation(source: ReportSource) -> Consultation:
    return source.memo(
        "consultations.consultation",
        lambda: (
            Consultation.objects.owned_by(almo=source.almo)
            .select_related("almo")
            .get(pk=source.parameters["consultation_id"])
        ),
    )


def consultation_detail(source: ReportSource) -> dict:
    """What was asked, of whom, how, and by when: the options with their pros, cons and impact, and the timetable."""
    consultation = _consultation(source)
    return {
        "almo": consultation.almo.name,
        "method": consultation.get_method_display(),
        "status": consultation.get_status_display(),
        "purpose": consultation.purpose,
        "decision_criteria": consultation.decision_criteria,
        "overseer": consultation.overseeing_organisation,
        "adviser": consultation.independent_tenant_adviser,
        "options": [
            {
                "title": o.title,
                "summary": o.summary,
                "pros": o.pros,
                "cons": o.cons,
                "impact": o.impact_on_residents,
            }
            for o in consultation.options.order_by("position", "pk")
        ],
        "stages": [
            {"title": s.title, "starts": govuk_date(s.starts_on), "ends": govuk_date(s.ends_on) if s.ends_on else ""}
            for s in consultation.stages.order_by("starts_on", "pk")
        ],
        "project_group": [
            {"name": m.name, "represents": m.represents, "is_tenant": m.is_tenant}
            for m in consultation.project_group.order_by("name")
        ],
    }


def consultation_checklist(source: ReportSource) -> dict:
    items = list(_consultation(source).checklist.select_related("confirmed_by").order_by("position"))
    return {
        "items": [
            {
                "text": i.text,
                "required": i.required,
                "status": i.get_status_display(),
                "evidence": i.evidence_name,
                "confirmed": f"{i.confirmed_by.get_full_name()}, {govuk_date(timezone.localdate(i.confirmed_at))}"
                if i.confirmed_by_id and i.confirmed_at
                else "",
            }
            for i in items
        ],
        "required": sum(1 for i in items if i.required),
        "confirmed": sum(1 for i in items if i.required and i.status == i.Status.CONFIRMED),
    }


def consultation_outcome(source: ReportSource) -> dict:
    consultation = _consultation(source)
    ballot = Ballot.objects.filter(consultation=consultation).first()
    return {
        "ballot": _ballot_data(ballot),
        "decision": consultation.decision,
        "decided_on": govuk_date(consultation.decided_on) if consultation.decided_on else "",
    }


CONSULTATION_SECTIONS = [
    ("The consultation", "consultations/report_sections/consultation.html", consultation_detail),
    ("The 2011 checklist", "consultations/report_sections/checklist.html", consultation_checklist),
    ("The outcome", "consultations/report_sections/outcome.html", consultation_outcome),
]


def register() -> None:
    for order, (title, template, selector) in enumerate(CONSULTATION_SECTIONS, start=1):
        registries.report_sections.register(
            registries.ReportSection(CONSULTATION_REPORT, template, selector, title, order=order * 10)
        )
    template = "consultations/report_sections/consultations.html"
    for kind, order in ((BOARD_PACK, 80), (COUNCIL_VARIANCE, 80)):
        registries.report_sections.register(
            registries.ReportSection(
                kind, template, consultations_summary, "Consultations with tenants", order, consultation_sheets
            )
        )
