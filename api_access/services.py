"""Writes for API tokens: create one (its secret is returned once) and revoke one."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from api_access.models import ApiToken
from organisations.access import acts_for_a_party

security_log = logging.getLogger("security")

# Board members and observers read dashboards and board packs in the portal; tokens are for the
# systems of the people who do the work, council officers and ALMO staff.
NOT_FOR_READERS = "API tokens are for council officers and ALMO staff, whose systems send and read figures."

EXPIRY_DAYS = {30: "30 days", 90: "90 days", 180: "6 months", 365: "1 year"}
DEFAULT_EXPIRY_DAYS = 90
TOKEN_START = "ap_"
# Checked at most once a minute, so a busy integration does not write on every request.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


def hash_secret(raw: str) -> str:
    """The secret has 256 bits of randomness, so a plain SHA-256 is enough: nothing to guess or brute-force."""
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def token_create(*, actor, name: str, days: int = DEFAULT_EXPIRY_DAYS) -> tuple[ApiToken, str]:
    """Make a token for the actor; returns it with the full secret, which is never stored or shown again."""
    if not acts_for_a_party(actor):
        raise PermissionDenied(NOT_FOR_READERS)
    name = (name or "").strip()
    errors = {}
    if not name:
        errors["name"] = "Enter a name for the token, such as the system that will use it."
    elif "\x00" in name:
        errors["name"] = "Enter a name without hidden characters."
    if days not in EXPIRY_DAYS:
        errors["days"] = "Choose when the token expires."
    if errors:
        raise ValidationError(errors)
    prefix = secrets.token_hex(4)
    while ApiToken.objects.filter(prefix=prefix).exists():
        prefix = secrets.token_hex(4)
    raw = f"{TOKEN_START}{prefix}_{secrets.token_urlsafe(32)}"
    now = timezone.now()
    token = ApiToken(
        user=actor,
        name=name,
        prefix=prefix,
        token_hash=hash_secret(raw),
        created_at=now,
        expires_at=now + dt.timedelta(days=days),
    )
    token.full_clean()
    token.save()
    security_log.info(
        "api-token-created username=%s prefix=%s expires=%s", actor.get_username(), prefix, token.expires_at
    )
    return token, raw


@transaction.atomic
def token_revoke(*, actor, token: ApiToken) -> ApiToken:
    """Stop a token working at once. Only its owner can revoke it."""
    token = ApiToken.objects.select_for_update().get_for(actor, "change", pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        security_log.info("api-token-revoked username=%s prefix=%s", actor.get_username(), token.prefix)
    return token


def token_touch(token: ApiToken) -> None:
    """Record that the token was used, at most once a minute."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
