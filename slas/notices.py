"""SLA reminders and digest lines: review dates and notice dates coming up, terms to agree, disputes open.

Registered with `core.registries` from `SlasConfig.ready()`; the daily reminder task (reporting) runs them. A reminder
is sent at 60, 30 and 7 days before a date, each once: `ReminderSent` holds a row per SLA, date and step, and a unique
constraint means a second run the same day (or a redelivered task) finds the row there and sends nothing.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import Q

from core import registries
from core.dates import govuk_date
from organisations.access import Party, acting_party
from organisations.notifications import notify_party
from slas.models import ReminderSent, ServiceLevelAgreement, SlaVersion

REMINDER_DAYS = (60, 30, 7)
DIGEST_REVIEW_DAYS = 30


def _due(sla: ServiceLevelAgreement, today: dt.date) -> list[tuple[str, dt.date, int]]:
    """The reminders the SLA's dates call for today: (kind, date, step), the step being the nearest one passed."""
    terms = sla.current_version
    due = []
    for kind, day in ((ReminderSent.Kind.REVIEW, terms.review_date), (ReminderSent.Kind.NOTICE, terms.notice_by)):
        days_left = (day - today).days
        if 0 <= days_left <= max(REMINDER_DAYS):
            due.append((kind, day, min(step for step in REMINDER_DAYS if days_left <= step)))
    return due


def _message(sla: ServiceLevelAgreement, kind: str, day: dt.date, today: dt.date) -> tuple[str, str]:
    days = (day - today).days
    when = "today" if days == 0 else f"in {days} day{'s' if days != 1 else ''}, on {govuk_date(day)}"
    name = f"the {sla.title} SLA with {sla.almo.name}"
    if kind == ReminderSent.Kind.REVIEW:
        return f"{sla.title}: review due {when}", f"The review of {name} is due {when}. Agree a date to meet."
    return (
        f"{sla.title}: last day to give notice {when}",
        f"The last day to give notice on {name} is {when}. Decide whether to renew, renegotiate or end it.",
    )


def send_sla_reminders(today: dt.date) -> int:
    """Tell both parties' people about review and notice dates coming up; returns how many were told."""
    horizon = today + dt.timedelta(days=max(REMINDER_DAYS))
    slas = (
        ServiceLevelAgreement.objects.live()
        .filter(
            Q(current_version__review_date__range=(today, horizon))
            | Q(current_version__notice_by__range=(today, horizon))
        )
        .select_related("almo", "current_version")
    )
    sent = 0
    for sla in slas:
        for kind, day, step in _due(sla, today):
            try:
                with transaction.atomic():
                    # The row is claimed first: whoever inserts it sends, and a second run finds it taken.
                    ReminderSent.objects.create(sla=sla, kind=kind, due_on=day, days_before=step)
                    subject, message = _message(sla, kind, day, today)
                    for party in (Party.COUNCIL, Party.ALMO):
                        sent += notify_party(
                            almo=sla.almo, party=party, subject=subject, message=message, link=sla.get_absolute_url()
                        )
            except IntegrityError:
                continue
    return sent


def digest_lines(user, today: dt.date) -> list[str]:
    lines = []
    slas = ServiceLevelAgreement.objects.restrict(user, "change")
    due = slas.due_for_review(today, DIGEST_REVIEW_DAYS).count()
    if due:
        lines.append(f"- {due} SLA{'s' if due != 1 else ''} due for review within {DIGEST_REVIEW_DAYS} days")
    waiting = 0
    for version in SlaVersion.objects.restrict(user, "change").open().select_related("sla__almo"):
        party = acting_party(user, version.sla.almo)
        waiting += int(party is not None and not version.agreed_at(party))
    if waiting:
        lines.append(f"- {waiting} set{'s' if waiting != 1 else ''} of SLA terms waiting for your agreement")
    return lines


def register() -> None:
    registries.reminders.register(registries.Reminder("SLA review and notice dates", send_sla_reminders, order=40))
    registries.digest.register(registries.DigestLines(digest_lines, order=40))
