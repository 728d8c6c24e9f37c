"""Telling people what to do next: a notification in the portal and an email, for the right side's people.

Services call `notify_party` when something waits for the other side (a query to answer, a return to
review, an amendment to decide). Each message says what happened and what to do, and links to the
page to do it on. The email goes from a task once the transaction commits, so a mail server that is
down never loses the change that caused it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.contrib.auth import get_user_model
from django.db import transaction

from organisations.access import Party, Role
from organisations.models import Notification

MESSAGE_LENGTH = Notification._meta.get_field("message").max_length
_EMAIL = ContextVar("notification_email", default=True)


@contextmanager
def in_portal_only() -> Iterator[None]:
    """Notify in the portal but send no email: for demo data, whose people and addresses are made up."""
    token = _EMAIL.set(False)
    try:
        yield
    finally:
        _EMAIL.reset(token)


def party_people(almo, party: str):
    """The active people who act for `party` on `almo`'s records: its staff, or its council's officers."""
    memberships = {"memberships__is_active": True}
    if party == Party.ALMO:
        memberships |= {"memberships__role": Role.ALMO_STAFF, "memberships__almo_id": almo.pk}
    else:
        memberships |= {"memberships__role": Role.COUNCIL_OFFICER, "memberships__council_id": almo.council_id}
    return get_user_model().objects.filter(is_active=True, **memberships).distinct()


def notify_party(*, almo, party: str, subject: str, message: str, link: str, except_user=None) -> int:
    """Notify everyone acting for `party` on `almo` (bar whoever caused it); returns how many were told."""
    people = party_people(almo, party)
    if except_user is not None:
        people = people.exclude(pk=except_user.pk)
    return notify(people=list(people), subject=subject, message=message, link=link)


def notify(*, people, subject: str, message: str, link: str) -> int:
    message = message if len(message) <= MESSAGE_LENGTH else message[: MESSAGE_LENGTH - 1] + "…"
    notifications = Notification.objects.bulk_create(
        Notification(user=person, message=message, link=link) for person in people if person.is_active
    )
    ids = [notification.pk for notification in notifications if notification.user.email]
    if ids and _EMAIL.get():
        from organisations.tasks import send_notification_emails_task

        transaction.on_commit(lambda: send_notification_emails_task.delay(ids, subject))
    return len(notifications)
