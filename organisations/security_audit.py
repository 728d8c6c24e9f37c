"""The security audit trail: sign-in, failed sign-in, lockout, sign-out and two-factor changes, with the username
and address.

Never the password: the failed sign-in signal's credentials are already cleansed by Django, and only the
username is read from them. Never a two-factor or recovery code either: `two_factor_event` is given none.
"""

import logging

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from core.clients import client_address

logger = logging.getLogger("security")


def _address(request) -> str:
    return client_address(request) or "unknown"


@receiver(user_logged_in, dispatch_uid="security_audit_signed_in")
def signed_in(sender, request, user, **kwargs):
    logger.info("sign-in username=%s ip=%s", user.get_username(), _address(request))


@receiver(user_login_failed, dispatch_uid="security_audit_sign_in_failed")
def sign_in_failed(sender, credentials, request=None, **kwargs):
    logger.warning("failed sign-in username=%s ip=%s", credentials.get("username", ""), _address(request))


@receiver(user_locked_out, dispatch_uid="security_audit_locked_out")
def locked_out(sender, request, username, ip_address, **kwargs):
    logger.warning("lockout username=%s ip=%s", username or "", ip_address or _address(request))


@receiver(user_logged_out, dispatch_uid="security_audit_signed_out")
def signed_out(sender, request, user, **kwargs):
    if user is not None:
        logger.info("sign-out username=%s ip=%s", user.get_username(), _address(request))


def two_factor_event(request, user, event: str, *, warning: bool = False, **details) -> None:
    """One line for a two-factor event: "two-factor set up", "two-factor code refused", and so on."""
    extra = "".join(f" {name}={value}" for name, value in details.items())
    logger.log(
        logging.WARNING if warning else logging.INFO,
        "two-factor %s username=%s ip=%s%s",
        event,
        user.get_username(),
        _address(request),
        extra,
    )
