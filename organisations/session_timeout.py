"""Sessions that end: after SESSION_IDLE_TIMEOUT without activity, and SESSION_ABSOLUTE_TIMEOUT after signing in.

The server decides, so the limits hold with JavaScript off; static/js/session-timeout.js only warns a person
SESSION_IDLE_WARNING before and offers to keep the session going (WCAG 2.2.1). API requests signed with a
token carry no session, so none of this applies to them.
"""

import logging
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpResponse
from django.views.decorators.http import require_POST

LAST_ACTIVITY_KEY = "last_activity_at"
SIGNED_IN_KEY = "signed_in_at"
IDLE_MESSAGE = "You were signed out after {minutes} minutes without activity. Sign in again to carry on."
EXPIRED_MESSAGE = "You were signed out because you had been signed in for {hours} hours. Sign in again to carry on."

ACTIVITY_RESOLUTION_SECONDS = 60

logger = logging.getLogger("security")


def _minutes(delta) -> int:
    return int(delta.total_seconds() // 60)


class SessionTimeoutMiddleware:
    """Sign out an idle or too old session; otherwise note this request as activity."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            now = time.time()
            session = request.session
            signed_in_at = session.setdefault(SIGNED_IN_KEY, now)
            last_activity_at = session.get(LAST_ACTIVITY_KEY, now)
            idle = settings.SESSION_IDLE_TIMEOUT.total_seconds()
            absolute = settings.SESSION_ABSOLUTE_TIMEOUT.total_seconds()
            reason = message = None
            if now - signed_in_at > absolute:
                reason, message = "expired", EXPIRED_MESSAGE.format(hours=int(absolute // 3600))
            elif now - last_activity_at > idle:
                reason, message = "idle", IDLE_MESSAGE.format(minutes=_minutes(settings.SESSION_IDLE_TIMEOUT))
            if message:
                logger.info("session ended: %s username=%s", reason, user.get_username())
                # The page asked for then sends a signed-out person to sign in (LoginRequiredMiddleware), where
                # the message explains why.
                logout(request)
                messages.info(request, message)
            else:
                # Written at most once a minute, so most requests do not save the session.
                if now - last_activity_at >= ACTIVITY_RESOLUTION_SECONDS or LAST_ACTIVITY_KEY not in session:
                    session[LAST_ACTIVITY_KEY] = now
                # For the warning script, through the one line in base.html that loads it.
                request.session_idle_seconds = int(idle)
                request.session_warning_seconds = int(settings.SESSION_IDLE_WARNING.total_seconds())
        return self.get_response(request)


@receiver(user_logged_in, dispatch_uid="session_timeout_signed_in")
def start_clocks(sender, request, user, **kwargs):
    """Start both clocks as the person signs in, saved with the new session."""
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_KEY] = request.session[LAST_ACTIVITY_KEY] = time.time()


@require_POST
def keep_alive(request):
    """The warning's "Stay signed in" button: this request is activity, counted now whatever the resolution."""
    request.session[LAST_ACTIVITY_KEY] = time.time()
    return HttpResponse(status=204)
