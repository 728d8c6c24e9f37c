"""Consultation reminders and digest lines: a ballot's last days, and ballots waiting for their overseer.

Registered with `core.registries` from `ConsultationsConfig.ready()`; the reporting app sends them daily.
A reminder is sent at most once a day to each person, so running the job twice sends nothing more.
"""

from datetime import timedelta

from django.utils import timezone

from consultations.models import Ballot
from core import registries
from core.dates import govuk_date
from organisations.access import Party
from organisations.models import Notification
from organisations.notifications import notify, party_people

REMINDER_DAYS = 3


def _not_told_today(people, message):
    since = timezone.now() - timedelta(hours=20)
    told = set(
        Notification.objects.filter(user__in=people, message=message, created_at__gte=since).values_list(
            "user_id", flat=True
        )
    )
    return [person for person in people if person.pk not in told]


def send_ballot_reminders(today) -> int:
    """Tell the council a ballot closes within three days, and the overseer a ballot waits to be closed."""
    sent = 0
    closing = Ballot.objects.filter(
        status=Ballot.Status.OPEN, closes_on__gte=today, closes_on__lte=today + timedelta(days=REMINDER_DAYS)
    ).select_related("consultation__almo", "overseer__user")
    for ballot in closing:
        message = f"The ballot on {ballot.consultation.subject} closes at the end of {govuk_date(ballot.closes_on)}."
        people = list(party_people(ballot.consultation.almo, Party.COUNCIL))
        sent += notify(
            people=_not_told_today(people, message),
            subject="A ballot closes soon",
            message=message,
            link=ballot.get_absolute_url(),
        )
    ended = Ballot.objects.filter(status=Ballot.Status.OPEN, closes_on__lt=today).select_related(
        "consultation", "overseer__user"
    )
    for ballot in ended:
        message = (
            f"Voting on {ballot.consultation.subject} has ended. Close the ballot, verify it and publish the result."
        )
        people = _not_told_today([ballot.overseer.user], message)
        sent += notify(
            people=people, subject="A ballot is ready to close", message=message, link=ballot.get_absolute_url()
        )
    return sent


def digest_lines(user, today) -> list[str]:
    waiting = Ballot.objects.overseen_by(user).filter(status__in=["open", "closed"], closes_on__lt=today).count()
    return [f"- {waiting} ballot{'s' if waiting != 1 else ''} for you to close, verify or publish"] if waiting else []


def register() -> None:
    registries.reminders.register(registries.Reminder("Ballots closing or ready to close", send_ballot_reminders, 70))
    registries.digest.register(registries.DigestLines(digest_lines, order=70))
