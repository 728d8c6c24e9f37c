"""Inspection reminders and digest lines: evidence to review, the deadline for a successful inspection, overdue
actions. Registered with `core.registries` from `InspectionsConfig.ready()`; reporting sends them daily.

Each reminder claims what it warns about in the database before telling anyone, so running it twice tells nobody
twice.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.urls import reverse

from core import registries
from core.dates import govuk_date
from inspections.models import DeadlineExtension, DeadlineWarning, Evidence, ImprovementAction
from inspections.selectors import almo_deadline
from organisations.access import Party, acting_party
from organisations.models import Almo
from organisations.notifications import notify_party

EVIDENCE_WARNING_DAYS = 30


def send_evidence_reminders(today: dt.date) -> int:
    """Tell an ALMO's staff once when a piece of evidence is due for review within 30 days, or overdue."""
    sent = 0
    due = Evidence.objects.review_due_by(today + dt.timedelta(days=EVIDENCE_WARNING_DAYS)).select_related("almo")
    for evidence in due:
        with transaction.atomic():
            claimed = (
                Evidence.objects.filter(pk=evidence.pk, review_due=evidence.review_due)
                .exclude(review_warned_for=evidence.review_due)
                .update(review_warned_for=evidence.review_due)
            )
            if not claimed:
                continue
            when = "was due for review" if evidence.review_due < today else "is due for review"
            sent += notify_party(
                almo=evidence.almo,
                party=Party.ALMO,
                subject="Evidence is due for review",
                message=f"{evidence.title} {when} on {govuk_date(evidence.review_due)}. Check it is still current.",
                link=reverse("inspections:evidence_detail", args=[evidence.pk]),
            )
    return sent


def send_deadline_warnings(today: dt.date) -> int:
    """Warn both parties when the deadline for a successful inspection is six, then three, months away."""
    sent = 0
    for almo in Almo.objects.filter(section_27_consent_date__isnull=False).select_related("council"):
        deadline = almo_deadline(almo, today)
        months = deadline.warning_months
        if not months:
            continue
        try:
            with transaction.atomic():
                DeadlineWarning.objects.create(almo=almo, deadline=deadline.effective, months=months)
                for party in (Party.ALMO, Party.COUNCIL):
                    sent += notify_party(
                        almo=almo,
                        party=party,
                        subject="The deadline for a successful inspection is near",
                        message=f"{almo.name} needs a successful (2-star or better) inspection by "
                        f"{govuk_date(deadline.effective)}: under {months} months away.",
                        link=reverse("inspections:deadline", args=[almo.pk]),
                    )
        except IntegrityError:
            continue  # already warned, by an earlier run
    return sent


def send_reminders(today: dt.date) -> int:
    return send_evidence_reminders(today) + send_deadline_warnings(today)


def digest_lines(user, today: dt.date) -> list[str]:
    lines = []
    overdue = ImprovementAction.objects.restrict(user, "change").overdue(today).count()
    if overdue:
        lines.append(f"- {overdue} improvement action{'s' if overdue != 1 else ''} overdue")
    review = Evidence.objects.restrict(user, "change").review_due_by(today).count()
    if review:
        lines.append(f"- {review} piece{'s' if review != 1 else ''} of evidence due for review")
    extensions = DeadlineExtension.objects.restrict(user, "decide").open().select_related("almo")
    waiting = sum(1 for e in extensions if acting_party(user, e.almo) not in (None, e.proposed_by_party))
    if waiting:
        lines.append(f"- {waiting} deadline extension{'s' if waiting != 1 else ''} waiting for your decision")
    return lines


def register() -> None:
    registries.reminders.register(
        registries.Reminder("Evidence reviews and inspection deadlines", send_reminders, order=60)
    )
    registries.digest.register(registries.DigestLines(digest_lines, order=60))
