"""Setting up, checking, replacing and removing a person's two-factor devices: one authenticator app (TOTP) and
one set of single-use recovery codes (static tokens). Each change is written to the security log by the caller's
view, which knows the request."""

from __future__ import annotations

from django.db import transaction
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

APP_NAME = "Authenticator app"
RECOVERY_NAME = "Recovery codes"
RECOVERY_CODE_COUNT = 10


def normalise(code: str) -> str:
    """People type codes with spaces or hyphens ("123 456", "abcd-efgh"), and recovery codes in capitals."""
    return "".join(code.split()).replace("-", "").lower()


def app_start(*, user) -> TOTPDevice:
    """The unconfirmed app being set up, with its secret; one per person, kept until it is confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_NAME, confirmed=False)
    return device


@transaction.atomic
def app_confirm(*, user, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the app with a code it shows; it replaces any app set up before. Returns new recovery codes."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=user, confirmed=False)
    if not device.verify_token(normalise(code)):
        return None
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return recovery_codes_replace(user=user)


@transaction.atomic
def recovery_codes_replace(*, user) -> list[str]:
    """A new set of recovery codes; the old ones stop working."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_NAME, defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(*, user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def code_check(*, user, code: str) -> Device | None:
    """The device a code proves, or None: a 6-digit code from the app, else a recovery code, used up at once."""
    code = normalise(code)
    if not code:
        return None
    if code.isdigit():
        # Locked, so one code cannot be used twice by requests racing each other (the app's last step is saved).
        for device in TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True):
            if device.verify_token(code):
                return device
        return None
    # Deleting the row is the check, so two requests racing with one recovery code cannot both succeed.
    for device in StaticDevice.objects.filter(user=user, confirmed=True):
        used, _ = StaticToken.objects.filter(device=device, token=code).delete()
        if used:
            return device
    return None


@transaction.atomic
def two_factor_remove(*, user) -> None:
    """Remove the app and the recovery codes: the person signs in with a password alone again."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
