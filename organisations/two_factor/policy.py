"""Who must use two-factor sign-in, and which step a session still owes."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db.models import Q
from django.dispatch import receiver
from django_otp import user_has_device

from organisations.access import Role

# The step a signed-in session still owes, kept in the session; absent when it owes nothing.
STEP_SESSION_KEY = "two_factor_step"
VERIFY = "verify"
SET_UP = "set_up"


def is_required(user) -> bool:
    """Council officers, ALMO staff and administrators must; board members and observers where their council says."""
    if not settings.TWO_FACTOR_REQUIRED:
        return False
    if user.is_superuser or user.is_staff:
        return True
    from organisations.models import Membership

    return (
        Membership.objects.filter(user=user, is_active=True)
        .filter(
            Q(role__in=[Role.COUNCIL_OFFICER, Role.ALMO_STAFF])
            | Q(council__board_two_factor_required=True)
            | Q(almo__council__board_two_factor_required=True)
        )
        .exists()
    )


def has_app(user) -> bool:
    """Whether the person has confirmed an authenticator app (recovery codes alone do not count)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def step_owed(user) -> str | None:
    if user_has_device(user, confirmed=True):
        return VERIFY
    if is_required(user):
        return SET_UP
    return None


@receiver(user_logged_in, dispatch_uid="two_factor_note_step")
def note_step_on_sign_in(sender, request, user, **kwargs):
    """Note what the new session still owes, so the middleware needs no query on later requests.

    A sign-in that has just passed the code step carries its device (django-otp then marks the session verified).
    """
    if request is None or not hasattr(request, "session"):
        return
    step = None if getattr(user, "otp_device", None) is not None else step_owed(user)
    if step:
        request.session[STEP_SESSION_KEY] = step
    else:
        request.session.pop(STEP_SESSION_KEY, None)
