"""The security audit trail: sign-in, failed sign-in, lockout and sign-out, with the username and address.

Never the password: the failed sign-in signal's credentials are already cleansed by Django, and only the
username is read from them.
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
