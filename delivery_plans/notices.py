"""Delivery Plan reminders and digest lines: returns due, returns to review, amendments to decide.

Registered with `core.registries` from `DeliveryPlansConfig.ready()`; reporting sends them daily.
"""

from datetime import timedelta

from django.core.mail import send_mail
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from core import registries
from delivery_plans.models import Return
from delivery_plans.selectors import amendments_awaiting_decision, returns_to_complete, returns_to_review
from organisations.access import Party
from organisations.models import Notification
from organisations.notifications import party_people

REMINDER_DAYS = 7


def send_return_reminders(today) -> int:
    """Remind ALMO staff of returns due within a week and not yet submitted, once per return per day."""
    due = Return.objects.filter(
        status__in=[Return.Status.DRAFT, Return.Status.QUERIED],
        due_on__gte=today,
        due_on__lte=today + timedelta(days=REMINDER_DAYS),
    ).select_related("plan__almo")
    sent = 0
    for return_record in due:
        almo = return_record.plan.almo.name
        message = f"The {return_record.period_label} return for {almo} is due on {return_record.due_on:%d %B %Y}."
        link = reverse("delivery_plans:return_detail", args=[return_record.pk])
        for user in party_people(return_record.plan.almo, Party.ALMO):
            recently = timezone.now() - timedelta(hours=20)  # the task runs daily; never twice in a day
            already = Notification.objects.filter(user=user, message=message, created_at__gte=recently).exists()
            if already:
                continue
            Notification.objects.create(user=user, message=message, link=link)
            if user.email:
                send_mail("A return is due soon", f"{message}\n\nALMO Portal", None, [user.email])
            sent += 1
    return sent


def digest_lines(user, today) -> list[str]:
    lines = []
    to_review = returns_to_review(user).count()
    if to_review:
        lines.append(f"- {to_review} return{'s' if to_review != 1 else ''} waiting for your review")
    # Drafts count once they are due within the reminder window; queried returns always wait for an answer.
    to_fill = (
        returns_to_complete(user)
        .filter(Q(status=Return.Status.QUERIED) | Q(due_on__lte=today + timedelta(days=REMINDER_DAYS)))
        .count()
    )
    if to_fill:
        lines.append(f"- {to_fill} return{'s' if to_fill != 1 else ''} to complete or answer")
    amendments = amendments_awaiting_decision(user).count()
    if amendments:
        lines.append(f"- {amendments} amendment{'s' if amendments != 1 else ''} waiting for a decision")
    return lines


def register() -> None:
    registries.reminders.register(registries.Reminder("Returns due within a week", send_return_reminders, order=10))
    registries.digest.register(registries.DigestLines(digest_lines, order=10))
