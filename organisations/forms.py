import logging

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.cache import cache

from core.clients import client_address

security_log = logging.getLogger("security")


class SignInForm(AuthenticationForm):
    """Sign-in with error messages that say what to do, in the GOV.UK style."""

    error_messages = {
        "invalid_login": "Enter a correct username and password. Passwords are case-sensitive.",
        "inactive": "This account has been switched off. Ask a person who manages your organisation's users.",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "spellcheck": "false"})
        self.fields["password"].widget = forms.PasswordInput(attrs={"autocomplete": "current-password"})


class PasswordResetRequestForm(PasswordResetForm):
    """Asks for a reset link: throttled per email and per address, and the mail goes from a task.

    Whether or not an account has the address, and whether or not the request was throttled, the page
    says the same and takes about as long, so it reveals nothing.
    """

    def save(self, request=None, **kwargs):
        email = self.cleaned_data["email"]
        address = client_address(request) or "unknown"
        over_email = _count_within_hour(f"password-reset:email:{email.strip().lower()}")
        over_address = _count_within_hour(f"password-reset:ip:{address}")
        if (
            over_email > settings.PASSWORD_RESET_RATE_PER_EMAIL
            or over_address > settings.PASSWORD_RESET_RATE_PER_ADDRESS
        ):
            security_log.warning("password reset throttled ip=%s", address)
            return
        security_log.info("password reset requested ip=%s", address)
        super().save(request=request, **kwargs)

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email, **kwargs):
        from organisations.tasks import send_password_reset_email_task

        send_password_reset_email_task.delay(context["user"].pk)


def _count_within_hour(key: str) -> int:
    """Count one more request under key, in a window of an hour from the first."""
    cache.add(key, 0, timeout=3600)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=3600)
        return 1
