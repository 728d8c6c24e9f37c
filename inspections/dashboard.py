"""Inspection readiness on the home page and the dashboards: each ALMO's predicted rating, gaps, overdue actions and
next inspection, and, for an ALMO's own people, the evidence and actions waiting for them."""

import datetime as dt

from django.urls import reverse

from core import clock, registries
from core.dates import govuk_date
from inspections.models import Evidence, ImprovementAction
from inspections.selectors import almo_overview, overview_rows

# How far ahead the to-do list looks for evidence due for review and actions due.
LOOK_AHEAD_DAYS = 30


def home_panel(request):
    rows = [row for row in almo_overview(request.user, clock.today()) if row["assessments"] or row["actions"]["open"]]
    if not rows:
        return None
    return {"rows": rows}


def dashboard_panel(scope: registries.DashboardScope) -> dict | None:
    """The dashboard's ALMOs only, in a fixed number of queries; the board is told of low ratings and overdue work."""
    rows = [
        row
        for row in overview_rows(scope.almos, scope.today)
        if row["assessments"] or row["actions"]["open"] or row["next_inspection"]
    ]
    if not rows:
        return None
    notes = []
    for row in rows:
        name = row["almo"].name
        for assessment, judged in row["assessments"][:1]:
            stars = judged.prediction.stars
            if stars is not None and stars < 2:
                gaps = len(judged.gaps)
                notes.append(
                    f"{name}'s self-assessment against {assessment.framework.name} predicts "
                    f"{judged.prediction.label.lower()}, with {gaps} gap{'s' if gaps != 1 else ''} to close."
                )
        overdue = row["actions"]["overdue"]
        if overdue:
            notes.append(
                f"{name} has {overdue} improvement action{'s' if overdue != 1 else ''} past "
                f"{'their' if overdue != 1 else 'its'} due date."
            )
        if row["next_inspection"]:
            inspection = row["next_inspection"]
            notes.append(f"{name}: {inspection.title} starts on {govuk_date(inspection.starts_on)}.")
    return {"rows": rows, "to_note": notes}


def to_do(user, almos, today: dt.date) -> list[registries.ToDo]:
    """Evidence due for review and improvement actions due within 30 days, for the side that keeps them."""
    almo_ids = [almo.pk for almo in almos]
    horizon = today + dt.timedelta(days=LOOK_AHEAD_DAYS)
    evidence = list(
        Evidence.objects.restrict(user, "change")
        .filter(almo__in=almo_ids)
        .review_due_by(horizon)
        .values_list("review_due", flat=True)
    )
    actions = list(
        ImprovementAction.objects.restrict(user, "change")
        .filter(almo__in=almo_ids, due_on__lte=horizon)
        .open()
        .values_list("due_on", flat=True)
    )
    items = []
    if evidence:
        items.append(
            registries.ToDo("Evidence to review", reverse("inspections:evidence_list"), len(evidence), min(evidence))
        )
    if actions:
        items.append(
            registries.ToDo("Improvement actions due", reverse("inspections:action_list"), len(actions), min(actions))
        )
    return items
