"""Reminders and digest lines: agreement dates coming up, ladder deadlines and notices, overdue actions.

Registered with `core.registries` from `AgreementsConfig.ready()`; the reporting app's daily task runs them. Each
reminder is claimed once by a unique key (what it is about, its date and the warning), in the same transaction as
the notifications it sends, so a reminder run twice in a day, or a task delivered twice, sends nothing twice.
"""

from __future__ import annotations

from django.db import transaction

from agreements.models import Deadline, ManagementAgreement, MeetingAction, Notice, ReminderSent
from core import registries
from core.dates import govuk_date
from core.working_days import add_working_days
from organisations.access import Party, acting_party
from organisations.joint_agreement import other_party
from organisations.notifications import notify, notify_party

# Warnings before an agreement's break, review, renewal and end dates: at 90 days, then again at 30.
AGREEMENT_WARNINGS = (30, 90)
# Deadlines and notice responses are flagged this many working days ahead.
SOON_WORKING_DAYS = 5


def _once(key: str, send) -> int:
    """Send unless a reminder with this key went before; the claim and the sending commit together."""
    with transaction.atomic():
        _, created = ReminderSent.objects.get_or_create(key=key)
        return send() if created else 0


def send_agreement_date_reminders(today) -> int:
    sent = 0
    for agreement in ManagementAgreement.objects.in_force().select_related("almo"):
        for name, label, day in agreement.key_dates():
            days = (day - today).days
            window = next((w for w in AGREEMENT_WARNINGS if 0 <= days <= w), None)
            if window is None:
                continue
            message = f"The {label} of {agreement} is on {govuk_date(day)}, in {days} days."

            def send(agreement=agreement, message=message):
                return sum(
                    notify_party(
                        almo=agreement.almo,
                        party=party,
                        subject="A management agreement date is coming up",
                        message=message,
                        link=agreement.get_absolute_url(),
                    )
                    for party in (Party.COUNCIL, Party.ALMO)
                )

            sent += _once(f"agreement:{agreement.pk}:{name}:{day.isoformat()}:{window}", send)
    return sent


def send_ladder_reminders(today) -> int:
    """Deadlines and notice responses due within five working days, and those missed, to the party that owes them."""
    soon = add_working_days(today, SOON_WORKING_DAYS)
    sent = 0
    for deadline in Deadline.objects.pending().filter(due_on__lte=soon).select_related("step__intervention__almo"):
        intervention = deadline.step.intervention
        late = deadline.due_on < today
        state = "was due" if late else "is due"
        message = f"{deadline.name} for '{intervention}' {state} on {govuk_date(deadline.due_on)}."
        parties = (deadline.owed_by, other_party(deadline.owed_by)) if late else (deadline.owed_by,)

        def send(intervention=intervention, message=message, parties=parties):
            return sum(
                notify_party(
                    almo=intervention.almo,
                    party=party,
                    subject="Intervention ladder deadline",
                    message=message,
                    link=intervention.get_absolute_url(),
                )
                for party in parties
            )

        key = f"deadline:{deadline.pk}:{deadline.due_on.isoformat()}:{'missed' if late else 'soon'}"
        sent += _once(key, send)
    notices = Notice.objects.filter(
        responded_on__isnull=True, response_due_on__lte=soon, step__intervention__status="open"
    ).select_related("step__intervention__almo")
    for notice in notices:
        intervention = notice.step.intervention
        message = f"A response to the notice '{notice.subject}' is due on {govuk_date(notice.response_due_on)}."

        def send(intervention=intervention, message=message):
            return notify_party(
                almo=intervention.almo,
                party=intervention.about_party,
                subject="A notice needs your response",
                message=message,
                link=intervention.get_absolute_url(),
            )

        late = "missed" if notice.response_due_on < today else "soon"
        sent += _once(f"notice:{notice.pk}:{notice.response_due_on.isoformat()}:{late}", send)
    return sent


def send_action_reminders(today) -> int:
    """Owners of meeting actions now overdue, once for each due date."""
    sent = 0
    for action in MeetingAction.objects.overdue(today).filter(owner__isnull=False).select_related("owner", "series"):
        message = f"Your action from {action.series} was due on {govuk_date(action.due_on)}: {action}"

        def send(action=action, message=message):
            return notify(
                people=[action.owner],
                subject="A meeting action is overdue",
                message=message,
                link=action.get_absolute_url(),
            )

        sent += _once(f"action:{action.pk}:{action.due_on.isoformat()}:overdue", send)
    return sent


def digest_lines(user, today) -> list[str]:
    lines = []
    overdue = MeetingAction.objects.restrict(user).overdue(today).filter(owner=user).count()
    if overdue:
        lines.append(f"- {overdue} meeting action{'s' if overdue != 1 else ''} of yours overdue")
    soon = add_working_days(today, SOON_WORKING_DAYS)
    owed = [
        d
        for d in Deadline.objects.restrict(user, "change")
        .pending()
        .filter(due_on__lte=soon)
        .select_related("step__intervention__almo")
        if acting_party(user, d.step.intervention.almo) == d.owed_by
    ]
    if owed:
        lines.append(f"- {len(owed)} intervention ladder deadline{'s' if len(owed) != 1 else ''} for your side soon")
    return lines


def register() -> None:
    for reminder in (
        registries.Reminder("Management agreement dates", send_agreement_date_reminders, order=50),
        registries.Reminder("Intervention ladder deadlines", send_ladder_reminders, order=51),
        registries.Reminder("Overdue meeting actions", send_action_reminders, order=52),
    ):
        registries.reminders.register(reminder)
    registries.digest.register(registries.DigestLines(digest_lines, order=50))
