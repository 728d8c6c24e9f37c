"""The page a locked-out sign-in gets (django-axes' AXES_LOCKOUT_CALLABLE): what happened and when to try again."""

from django.conf import settings
from django.shortcuts import render
from django.utils import timezone


def locked_out(request, original_response=None, credentials=None):
    cooloff = settings.AXES_COOLOFF_TIME
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "minutes": int(cooloff.total_seconds() // 60),
        # Counted from the latest failed attempt, which is this one or was moments ago.
        "try_again_at": timezone.localtime() + cooloff,
    }
    return render(request, "registration/locked_out.html", context, status=429)
