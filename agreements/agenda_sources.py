"""This app's agenda sources, registered from `AgreementsConfig.ready()`."""

from __future__ import annotations

import datetime as dt

from agreements.models import Deadline, Intervention, ManagementAgreement, MeetingAction
from core import registries
from core.dates import govuk_date
from core.registries import AgendaFor, AgendaLine, AgendaSource

# Agreement dates this close after a meeting are worth its attention.
DATES_AHEAD = dt.timedelta(days=183)


def carried_actions(agenda_for: AgendaFor) -> list[AgendaLine]:
    """Actions raised at earlier meetings of the series that are not yet closed."""
    actions = (
        MeetingAction.objects.open()
        .filter(series_id=agenda_for.series_id, raised_at__held_on__lt=agenda_for.held_on)
        .select_related("owner", "raised_at")
        .order_by("due_on", "pk")
    )
    return [
        AgendaLine(
            title=action.description,
            detail=f"Owner: {action.owner_display}. Due {govuk_date(action.due_on)}. "
            f"Raised on {govuk_date(action.raised_at.held_on)}.",
            reference=action.get_absolute_url(),
            rag="red" if action.due_on < agenda_for.held_on else "",
        )
        for action in actions
    ]


def ladder_lines(agenda_for: AgendaFor) -> list[AgendaLine]:
    """Open interventions for the ALMO, either way, with the next deadline of each."""
    interventions = list(
        Intervention.objects.open()
        .filter(almo_id=agenda_for.almo.pk)
        .select_related("current_stage")
        .order_by("started_on")
    )
    next_due = {}
    for deadline in (
        Deadline.objects.filter(step__intervention__in=interventions, met_on__isnull=True, due_on__isnull=False)
        .select_related("step")
        .order_by("due_on")
    ):
        next_due.setdefault(deadline.step.intervention_id, deadline)
    lines = []
    for intervention in interventions:
        deadline = next_due.get(intervention.pk)
        due = f" Next: {deadline.name}, due {govuk_date(deadline.due_on)}." if deadline else ""
        lines.append(
            AgendaLine(
                title=intervention.title,
                detail=f"The {intervention.get_about_party_display()}'s performance. Stage: "
                f"{intervention.current_stage.name}.{due}",
                reference=intervention.get_absolute_url(),
                rag="red" if deadline and deadline.due_on < agenda_for.held_on else "",
            )
        )
    return lines


def agreement_lines(agenda_for: AgendaFor) -> list[AgendaLine]:
    """The agreement in force's review, break, renewal and end dates in the next six months."""
    agreement = ManagementAgreement.objects.in_force().filter(almo_id=agenda_for.almo.pk).first()
    if agreement is None:
        return []
    horizon = agenda_for.held_on + DATES_AHEAD
    return [
        AgendaLine(
            title=f"The {label} is on {govuk_date(day)}",
            detail=f"{agreement}.",
            reference=agreement.get_absolute_url(),
        )
        for _name, label, day in agreement.key_dates()
        if agenda_for.held_on <= day <= horizon
    ]


def register() -> None:
    for source in (
        AgendaSource("agreements.actions", "Actions from earlier meetings", carried_actions, order=10),
        AgendaSource("agreements.ladder", "Intervention ladder", ladder_lines, order=50),
        AgendaSource("agreements.dates", "Management agreement dates", agreement_lines, order=60),
    ):
        registries.agenda_sources.register(source)
