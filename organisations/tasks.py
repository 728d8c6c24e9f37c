from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode


@shared_task(autoretry_for=(ConnectionError, TimeoutError), retry_backoff=True, max_retries=5)
def send_welcome_email_task(user_id: int) -> None:
    """Welcome a new person with a link to choose their password."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email:
        return
    path = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    memberships = list(user.memberships.select_related("council", "almo"))
    body = render_to_string(
        "organisations/email/welcome.txt",
        {"user": user, "link": f"{settings.PORTAL_BASE_URL}{path}", "memberships": memberships},
    )
    send_mail("Your ALMO Portal account", body, None, [user.email])


@shared_task(acks_late=True, autoretry_for=(ConnectionError, TimeoutError, OSError), retry_backoff=True, max_retries=5)
def send_notification_emails_task(notification_ids: list[int], subject: str) -> None:
    """Email each notification to its person, with the link to act on it."""
    from organisations.models import Notification

    for notification in Notification.objects.filter(pk__in=notification_ids).select_related("user"):
        if not notification.user.email or not notification.user.is_active:
            continue
        link = f"\n\n{settings.PORTAL_BASE_URL}{notification.link}" if notification.link else ""
        send_mail(subject, f"{notification.message}{link}\n\nALMO Portal", None, [notification.user.email])


@shared_task(acks_late=True, autoretry_for=(ConnectionError, TimeoutError, OSError), retry_backoff=True, max_retries=5)
def send_password_reset_email_task(user_id: int) -> None:
    """Send a person the link to choose a new password; queued so the page takes as long for any address."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email or not user.has_usable_password():
        return
    protocol, domain = settings.PORTAL_BASE_URL.split("://", 1)
    context = {
        "user": user,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
        "protocol": protocol,
        "domain": domain.rstrip("/"),
    }
    subject = "".join(render_to_string("registration/password_reset_subject.txt", context).splitlines())
    send_mail(subject, render_to_string("registration/password_reset_email.html", context), None, [user.email])
