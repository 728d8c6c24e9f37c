"""Consultations on the home page and the dashboards: those under way, the ballots a person oversees, and (for boards)
what recent consultations decided."""

import datetime as dt

from django.urls import reverse

from consultations.models import Ballot, Consultation
from core import registries
from core.dates import govuk_date

# Decisions this recent are shown as outcomes on the dashboards.
OUTCOMES_FOR_DAYS = 730


def home_panel(request):
    user = request.user
    consultations = list(
        Consultation.objects.restrict(user).active().select_related("almo", "ballot").order_by("almo__name", "-pk")[:10]
    )
    to_oversee = Ballot.objects.overseen_by(user).exclude(status=Ballot.Status.PUBLISHED).count()
    if not consultations and not to_oversee:
        return None
    return {"consultations": consultations, "to_oversee": to_oversee}


def dashboard_panel(scope: registries.DashboardScope) -> dict | None:
    """Consultations under way and those decided in the last two years, for the dashboard's ALMOs: two queries."""
    mine = Consultation.objects.restrict(scope.user).filter(almo__in=scope.almo_ids).select_related("almo", "ballot")
    active = list(mine.active().order_by("almo__name", "-pk")[:10])
    decided = list(
        mine.filter(
            status=Consultation.Status.DECIDED, decided_on__gte=scope.today - dt.timedelta(days=OUTCOMES_FOR_DAYS)
        ).order_by("-decided_on", "-pk")[:5]
    )
    if not active and not decided:
        return None
    notes = [
        f"{c.almo.name} is consulting tenants on {_lower_first(c.subject)} ({c.get_status_display().lower()})."
        for c in active
        if c.status != Consultation.Status.PLANNING
    ]
    notes += [
        f"The consultation on {_lower_first(c.subject)} was decided on {govuk_date(c.decided_on)}." for c in decided
    ]
    return {"active": active, "decided": decided, "to_note": notes}


def to_do(user, almos, today) -> list[registries.ToDo]:
    """Ballots this person oversees that are not yet published."""
    count = (
        Ballot.objects.overseen_by(user)
        .exclude(status=Ballot.Status.PUBLISHED)
        .filter(consultation__almo__in=[almo.pk for almo in almos])
        .count()
    )
    if not count:
        return []
    return [registries.ToDo("Ballots you oversee", reverse("consultations:consultation_list"), count)]


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
