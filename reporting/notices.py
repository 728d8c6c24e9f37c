"""The daily reminders and digest. Each app registers what it reminds people of and what its digest lines
say (`core.registries.reminders` and `core.registries.digest`); this module sends them and names no app.
"""

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.mail import send_mail

from core import clock, registries


def send_reminders(today=None) -> int:
    """Run every registered reminder; each is safe to run twice in a day. Returns how many were sent."""
    today = today or clock.today()
    return sum(reminder.send(today) for reminder in registries.reminders)


def digest_lines(user, today) -> list[str]:
    return [line for entry in registries.digest for line in entry.lines(user, today)]


def send_daily_digest(today=None) -> int:
    """Each council officer and ALMO staff member gets one email a day listing what waits for them, if anything."""
    today = today or clock.today()
    sent = 0
    for user in get_user_model().objects.filter(is_active=True, memberships__is_active=True).distinct():
        lines = digest_lines(user, today)
        if not lines:
            continue
        # One a day, even if the task is delivered twice: the first to add the key sends.
        if user.email and cache.add(f"daily-digest:{user.pk}:{today.isoformat()}", True, timeout=60 * 60 * 36):
            send_mail(
                "What is due in ALMO Portal", "\n".join(["Today:", *lines, "", "ALMO Portal"]), None, [user.email]
            )
            sent += 1
    return sent
