"""Signing in: the password page, the second step for people who use two-factor sign-in, and the page a
locked-out sign-in gets (django-axes' AXES_LOCKOUT_CALLABLE)."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.views import LoginView
from django.shortcuts import redirect, render
from django.utils import timezone

from organisations.forms import SignInForm
from organisations.two_factor.policy import SET_UP, STEP_SESSION_KEY, VERIFY, step_owed

# Who has given the right password and still owes a code: they are not signed in until they give it.
PENDING_SESSION_KEY = "two_factor_pending"
PENDING_SECONDS = 10 * 60


class SignInView(LoginView):
    """The password step. A person with an authenticator app is sent on to the code page, not signed in."""

    authentication_form = SignInForm

    def form_valid(self, form):
        user = form.get_user()
        if step_owed(user) == VERIFY:
            # A new session key, so nobody who planted a session id can take over the half-finished sign-in.
            self.request.session.cycle_key()
            self.request.session[PENDING_SESSION_KEY] = {
                "user": user.pk,
                "backend": user.backend,
                "next": self.get_success_url(),
                "at": time.time(),
            }
            return redirect("organisations:two_factor_verify")
        response = super().form_valid(form)
        if self.request.session.get(STEP_SESSION_KEY) == SET_UP:
            return redirect("organisations:two_factor_set_up")
        return response


def pending_sign_in(request) -> tuple[object | None, dict | None]:
    """(user, pending) for a half-finished sign-in in this session that has not expired, or (None, None)."""
    pending = request.session.get(PENDING_SESSION_KEY)
    if not pending:
        return None, None
    if time.time() - pending["at"] > PENDING_SECONDS:
        del request.session[PENDING_SESSION_KEY]
        return None, None
    user = get_user_model().objects.filter(pk=pending["user"], is_active=True).first()
    return user, (pending if user else None)


def locked_out(request, original_response=None, credentials=None):
    if hasattr(request, "session"):
        request.session.pop(PENDING_SESSION_KEY, None)
    cooloff = settings.AXES_COOLOFF_TIME
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "minutes": int(cooloff.total_seconds() // 60),
        # Counted from the latest failed attempt, which is this one or was moments ago.
        "try_again_at": timezone.localtime() + cooloff,
    }
    return render(request, "registration/locked_out.html", context, status=429)
