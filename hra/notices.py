"""HRA reminders and digest lines: allocations and programmes to agree before the year starts, re-profiles to decide.

Registered with `core.registries` from `HraConfig.ready()`; reporting runs them daily. A reminder is sent at most
once a day to each person for each record, so running the task twice in a day sends nothing new.
"""

from __future__ import annotations

import datetime as dt
from datetime import timedelta

from django.core.mail import send_mail
from django.db.models import Q
from django.utils import timezone

from core import registries
from hra.models import AllocationAgreement, DecentHomesProgramme, ReprofileRequest
from organisations.access import Party
from organisations.models import Notification
from organisations.notifications import party_people

REMINDER_DAYS = 30  # before 1 April, the start of the year an allocation or programme is for


def _not_agreed_by(party: str) -> Q:
    return Q(council_agreed_at__isnull=True) if party == Party.COUNCIL else Q(almo_agreed_at__isnull=True)


def allocations_waiting_for(user):
    """Allocations the user's side may agree and has not yet."""
    return _waiting(AllocationAgreement.objects.restrict(user, "agree"), user, "almo")


def programmes_waiting_for(user):
    return _waiting(DecentHomesProgramme.objects.restrict(user, "agree"), user, "almo")


def _waiting(queryset, user, almo_path: str):
    """Rows still waiting for the user's own side, worked out by the access rule's write sets: the ALMO's staff are
    waited for where the ALMO has not agreed, the council's officers where the council has not."""
    council_side = queryset.filter(**{f"{almo_path}__council__in": _council_ids(user)})
    almo_side = queryset.exclude(**{f"{almo_path}__council__in": _council_ids(user)})
    return council_side.filter(_not_agreed_by(Party.COUNCIL)) | almo_side.filter(_not_agreed_by(Party.ALMO))


def _council_ids(user):
    from organisations.models import Council

    return Council.objects.restrict(user, "change").values("pk")


def reprofiles_waiting_for(user):
    """Open re-profiles the user's side must decide: those the other side proposed."""
    open_ = ReprofileRequest.objects.restrict(user, "decide").open()
    councils = _council_ids(user)
    return open_.filter(programme__almo__council__in=councils, proposed_by_party=Party.ALMO) | open_.exclude(
        programme__almo__council__in=councils
    ).filter(proposed_by_party=Party.COUNCIL)


def _remind(user, message: str, link: str, subject: str) -> int:
    recently = timezone.now() - timedelta(hours=20)  # the task runs daily; never twice in a day
    if Notification.objects.filter(user=user, message=message, created_at__gte=recently).exists():
        return 0
    Notification.objects.create(user=user, message=message, link=link)
    if user.email:
        send_mail(subject, f"{message}\n\nALMO Portal", None, [user.email])
    return 1


def send_agreement_reminders(today: dt.date) -> int:
    """In the 30 days before 1 April, remind each side that has not agreed next year's allocation or programme."""
    next_year = today.year if today.month < 4 else today.year + 1
    if (dt.date(next_year, 4, 1) - today).days > REMINDER_DAYS:
        return 0
    sent = 0
    records = [
        *AllocationAgreement.objects.filter(hra_year__year=next_year).select_related("almo", "hra_year"),
        *DecentHomesProgramme.objects.filter(year=next_year).select_related("almo"),
    ]
    for record in records:
        for party in (Party.COUNCIL, Party.ALMO):
            if record.agreed_at(party):
                continue
            message = f"{record} starts on 1 April {next_year} and waits for your side's agreement."
            for user in party_people(record.almo, party):
                sent += _remind(user, message, record.get_absolute_url(), "An agreement waits for you")
    return sent


def digest_lines(user, today) -> list[str]:
    lines = []
    to_agree = allocations_waiting_for(user).count() + programmes_waiting_for(user).count()
    if to_agree:
        lines.append(
            f"- {to_agree} HRA allocation{'s' if to_agree != 1 else ''} or Decent Homes programme"
            f"{'s' if to_agree != 1 else ''} waiting for your agreement"
        )
    to_decide = reprofiles_waiting_for(user).count()
    if to_decide:
        lines.append(
            f"- {to_decide} re-profile{'s' if to_decide != 1 else ''} of Decent Homes spend waiting for your decision"
        )
    return lines


def register() -> None:
    registries.reminders.register(
        registries.Reminder("HRA allocations and Decent Homes programmes to agree", send_agreement_reminders, order=40)
    )
    registries.digest.register(registries.DigestLines(digest_lines, order=40))
