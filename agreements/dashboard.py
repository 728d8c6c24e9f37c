"""The agreement's part of the dashboards: overdue liaison actions and the intervention ladder for the dashboard's
ALMOs, and, on an ALMO's to-do list, the actions a person owns and agreements waiting for their side."""

import datetime as dt

from django.db.models import Count
from django.urls import reverse

from agreements.models import Intervention, MeetingAction
from agreements.selectors import agreements_waiting_for
from core import registries
from core.dates import govuk_date

# Actions due within this many days join the owner's to-do list.
ACTIONS_AHEAD_DAYS = 14


def dashboard_panel(scope: registries.DashboardScope) -> dict | None:
    """Two queries whatever the number of ALMOs: overdue actions counted per ALMO, and open interventions."""
    overdue = dict(
        MeetingAction.objects.restrict(scope.user)
        .overdue(scope.today)
        .filter(series__almo__in=scope.almo_ids)
        .values_list("series__almo")
        .annotate(count=Count("pk"))
        .values_list("series__almo", "count")
    )
    interventions = list(
        Intervention.objects.restrict(scope.user)
        .open()
        .filter(almo__in=scope.almo_ids)
        .select_related("current_stage")
        .order_by("started_on")
    )
    if not overdue and not interventions:
        return None
    names = {almo.pk: almo for almo in scope.almos}
    for intervention in interventions:
        intervention.almo = names[intervention.almo_id]
    rows = [{"almo": almo, "overdue": overdue[almo.pk]} for almo in scope.almos if overdue.get(almo.pk)]
    notes = [
        f"{row['almo'].name} has {row['overdue']} liaison meeting action{'s' if row['overdue'] != 1 else ''} "
        "past the date agreed."
        for row in rows
    ]
    notes += [
        f"{i.almo.name} is on the intervention ladder at {i.current_stage.name.lower()}, "
        f"since {govuk_date(i.started_on)}: {i.title}."
        for i in interventions
    ]
    return {"rows": rows, "interventions": interventions, "to_note": notes}


def to_do(user, almos, today: dt.date) -> list[registries.ToDo]:
    almo_ids = [almo.pk for almo in almos]
    due = list(
        MeetingAction.objects.restrict(user)
        .open()
        .filter(owner=user, series__almo__in=almo_ids, due_on__lte=today + dt.timedelta(days=ACTIONS_AHEAD_DAYS))
        .values_list("due_on", flat=True)
    )
    waiting = [agreement for agreement in agreements_waiting_for(user) if agreement.almo_id in almo_ids]
    items = []
    if due:
        items.append(registries.ToDo("Meeting actions you own", reverse("agreements:action_list"), len(due), min(due)))
    if waiting:
        items.append(
            registries.ToDo("Management agreements to agree", reverse("agreements:agreement_list"), len(waiting))
        )
    return items
