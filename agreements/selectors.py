"""Reads for agreements: the one delegations register, what waits for a person, and the home page panel."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from agreements.models import DelegatedFunction, Intervention, ManagementAgreement, MeetingAction
from core.dates import govuk_date
from organisations.access import Party, acting_party
from organisations.notifications import party_people


def delegated_functions(almo) -> list[dict]:
    """The delegations register of the ALMO's agreement in force, as plain data: the one register.

    The Delivery Plan's delegations page reads this (through a registry the lead wires), so nobody keeps two.
    Empty when no agreement is in force.
    """
    functions = (
        DelegatedFunction.objects.filter(agreement__almo=almo, agreement__status=ManagementAgreement.Status.IN_FORCE)
        .select_related("agreement")
        .order_by("function")
    )
    return [
        {
            "function": f.function,
            "arrangement": f.get_arrangement_display(),
            "arrangement_code": f.arrangement,
            "limit": f.limit,
            "limit_unit": f.limit_unit,
            "limit_text": f.limit_text,
            "decision_maker": f.get_decision_maker_display(),
            "notes": f.notes,
            "agreement": str(f.agreement),
            "agreement_url": f.agreement.get_absolute_url(),
        }
        for f in functions
    ]


def options_appraisals(almo=None):
    """Open interventions that reached an options appraisal of an ALMO's future: each brings in the rules for
    consulting tenants (the tenants app reads this to start its test of opinion)."""
    interventions = Intervention.objects.open().filter(current_stage__is_options_appraisal=True)
    if almo is not None:
        interventions = interventions.filter(almo=almo)
    return interventions.select_related("almo", "current_stage")


def meeting_people(almo):
    """Who may chair, sit on or own actions of an ALMO's meetings: its staff and its council's officers."""
    ids = {person.pk for party in (Party.ALMO, Party.COUNCIL) for person in party_people(almo, party)}
    return get_user_model().objects.filter(pk__in=ids).order_by("last_name", "first_name")


def agreements_waiting_for(user):
    """Draft agreements the person's side has still to agree."""
    drafts = ManagementAgreement.objects.restrict(user, "agree").filter(status=ManagementAgreement.Status.DRAFT)
    return [a for a in drafts.select_related("almo") if a.agreed_at(acting_party(user, a.almo)) is None]


def home_panel(request) -> dict | None:
    """Overdue actions in red, open interventions, and agreements waiting for the person's side."""
    user = request.user
    overdue = list(
        MeetingAction.objects.restrict(user).overdue().select_related("series__almo", "owner").order_by("due_on")[:10]
    )
    overdue_count = MeetingAction.objects.restrict(user).overdue().count()
    interventions = list(
        Intervention.objects.restrict(user).open().select_related("almo", "current_stage").order_by("started_on")
    )
    waiting = agreements_waiting_for(user)
    if not (overdue or interventions or waiting):
        return None
    return {
        "overdue": [
            {
                "action": action,
                "almo": action.series.almo.name,
                "due": govuk_date(action.due_on),
            }
            for action in overdue
        ],
        "overdue_count": overdue_count,
        "interventions": interventions,
        "waiting": waiting,
    }
