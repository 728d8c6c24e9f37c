"""Tenant voice reminders and digest lines: recommendations whose response is due, surveys waiting for agreement.

Registered with `core.registries` from `TenantsConfig.ready()`; reporting sends them daily.
"""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from core import registries
from organisations.access import Party
from organisations.models import Notification
from organisations.notifications import notify, party_people
from tenants import selectors
from tenants.models import Recommendation

REMINDER_DAYS = 7


def send_recommendation_reminders(today) -> int:
    """Remind the ALMO's staff of recommendations whose response is due within a week, or overdue.

    The notification's own message is the key: a person told the same thing in the last 20 hours is not told
    again, so a second run the same day sends nothing.
    """
    due = (
        Recommendation.objects.awaiting_response()
        .filter(respond_by__isnull=False, respond_by__lte=today + timedelta(days=REMINDER_DAYS))
        .select_related("group__almo")
    )
    sent = 0
    for recommendation in due:
        when = "was due" if recommendation.respond_by < today else "is due"
        message = (
            f"A response to {recommendation.group.name}'s recommendation '{recommendation.title}' "
            f"{when} on {recommendation.respond_by:%d %B %Y}."
        )
        link = reverse("tenants:recommendation_detail", args=[recommendation.pk])
        recently = timezone.now() - timedelta(hours=20)  # the task runs daily; never twice in a day
        already = set(
            Notification.objects.filter(message=message, link=link, created_at__gte=recently).values_list(
                "user", flat=True
            )
        )
        people = [p for p in party_people(recommendation.group.almo, Party.ALMO) if p.pk not in already]
        sent += notify(people=people, subject="A response to tenants is due", message=message, link=link)
    return sent


def digest_lines(user, today) -> list[str]:
    lines = []
    surveys = selectors.surveys_awaiting_my_agreement(user).count()
    if surveys:
        lines.append(f"- {surveys} tenant survey{'s' if surveys != 1 else ''} waiting for you to agree the results")
    recommendations = selectors.recommendations_awaiting(user).count()
    if recommendations:
        lines.append(
            f"- {recommendations} tenants' recommendation{'s' if recommendations != 1 else ''} waiting for a response"
        )
    return lines


def register() -> None:
    registries.reminders.register(
        registries.Reminder("Responses to tenants' recommendations due", send_recommendation_reminders, order=60)
    )
    registries.digest.register(registries.DigestLines(digest_lines, order=60))
