"""Sign-in as an attacker would try it: lockout, password rules, reset throttling and sessions that end."""

import logging
import time
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from organisations.session_timeout import LAST_ACTIVITY_KEY, SIGNED_IN_KEY
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def sign_in(client, password, username="almo.staff", address="203.0.113.5"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def test_five_wrong_passwords_lock_the_account_and_the_right_one_is_then_refused(client, almo_staff):
    for _ in range(4):
        response = sign_in(client, "not-the-password")
        assert response.status_code == 200
        assert "Enter a correct username and password" in response.content.decode()
    response = sign_in(client, "not-the-password")
    assert response.status_code == 429
    response = sign_in(client, PASSWORD)
    assert response.status_code == 429
    page = response.content.decode()
    assert "Signing in is locked for 30 minutes" in page
    assert "Try again after" in page and "the right password will not work either" in page
    assert "_auth_user_id" not in client.session


def test_the_lock_holds_for_the_account_from_another_address(client, almo_staff):
    for _ in range(5):
        sign_in(client, "not-the-password", address="203.0.113.5")
    assert sign_in(client, PASSWORD, address="198.51.100.7").status_code == 429


def test_the_lock_holds_for_an_address_trying_many_accounts(client, almo_staff):
    for number in range(5):
        sign_in(client, "not-the-password", username=f"guess{number}", address="203.0.113.9")
    assert sign_in(client, PASSWORD, address="203.0.113.9").status_code == 429


def test_signing_in_works_again_after_the_cool_off(client, almo_staff):
    for _ in range(5):
        sign_in(client, "not-the-password")
    assert sign_in(client, PASSWORD).status_code == 429
    # Thirty minutes later, as the attempts' times say.
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=31))
    response = sign_in(client, PASSWORD)
    assert response.status_code == 302 and response.url == reverse("home")


def test_fewer_than_five_failures_then_the_right_password_signs_in_and_clears_the_count(client, almo_staff):
    for _ in range(4):
        sign_in(client, "not-the-password")
    assert sign_in(client, PASSWORD).url == reverse("home")
    assert not AccessAttempt.objects.exists()


def test_sign_in_failure_lockout_and_sign_out_are_in_the_security_log(client, almo_staff, caplog):
    caplog.set_level(logging.INFO, logger="security")
    sign_in(client, PASSWORD)
    client.post(reverse("logout"), REMOTE_ADDR="203.0.113.5")
    for _ in range(5):
        sign_in(client, "a-secret-guess")
    lines = [record.getMessage() for record in caplog.records if record.name == "security"]
    assert "sign-in username=almo.staff ip=203.0.113.5" in lines
    assert "sign-out username=almo.staff ip=203.0.113.5" in lines
    assert "failed sign-in username=almo.staff ip=203.0.113.5" in lines
    assert any(line.startswith("lockout username=almo.staff") for line in lines)
    assert not any("a-secret-guess" in line or PASSWORD in line for line in lines)


def test_passwords_need_twelve_characters_and_not_a_common_one(almo_staff):
    with pytest.raises(ValidationError, match="at least 12 characters"):
        validate_password("Short-pw-19", almo_staff)
    with pytest.raises(ValidationError, match="too common"):
        validate_password("password1234", almo_staff)
    validate_password("almo-demo-2026", almo_staff)


def test_password_reset_mail_goes_from_a_task_after_the_request(client, almo_staff, monkeypatch):
    from organisations import tasks

    queued = []
    monkeypatch.setattr(tasks.send_password_reset_email_task, "delay", queued.append)
    response = client.post(reverse("password_reset"), {"email": almo_staff.email})
    assert response.url == reverse("password_reset_done")
    assert queued == [almo_staff.pk] and mail.outbox == []
    tasks.send_password_reset_email_task(almo_staff.pk)
    assert len(mail.outbox) == 1 and "/password-reset/" in mail.outbox[0].body


def test_password_reset_is_throttled_per_email_and_per_address(client, almo_staff, settings):
    for _ in range(5):
        response = client.post(reverse("password_reset"), {"email": almo_staff.email})
        assert response.url == reverse("password_reset_done")  # the same answer, throttled or not
    assert len(mail.outbox) == settings.PASSWORD_RESET_RATE_PER_EMAIL
    for number in range(settings.PASSWORD_RESET_RATE_PER_ADDRESS):
        client.post(reverse("password_reset"), {"email": f"someone{number}@example.org"}, REMOTE_ADDR="192.0.2.1")
    client.post(reverse("password_reset"), {"email": almo_staff.email.upper()}, REMOTE_ADDR="192.0.2.1")
    assert len(mail.outbox) == settings.PASSWORD_RESET_RATE_PER_EMAIL


def test_sessions_end_when_the_browser_closes_and_within_eight_hours(settings):
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert settings.SESSION_COOKIE_AGE == 8 * 3600


def age_session(client, **seconds_ago):
    session = client.session
    now = time.time()
    for key, ago in seconds_ago.items():
        session[key] = now - ago
    session.save()


def test_an_idle_session_ends_with_a_message_on_the_sign_in_page(client, almo_staff):
    client.force_login(almo_staff)
    assert client.get(reverse("home")).status_code == 200
    age_session(client, **{LAST_ACTIVITY_KEY: 31 * 60})
    response = client.get(reverse("home"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("login"))
    assert "You were signed out after 30 minutes without activity" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_activity_keeps_a_session_going_and_the_keep_alive_counts_as_activity(client, almo_staff):
    client.force_login(almo_staff)
    client.get(reverse("home"))
    age_session(client, **{LAST_ACTIVITY_KEY: 29 * 60})
    assert client.post(reverse("organisations:keep_alive")).status_code == 204
    assert time.time() - client.session[LAST_ACTIVITY_KEY] < 5
    assert client.get(reverse("home")).status_code == 200


def test_a_session_ends_eight_hours_after_signing_in_however_active(client, almo_staff):
    client.force_login(almo_staff)
    client.get(reverse("home"))
    age_session(client, **{SIGNED_IN_KEY: 8 * 3600 + 60, LAST_ACTIVITY_KEY: 10})
    response = client.get(reverse("home"), follow=True)
    assert "signed in for 8 hours" in response.content.decode()


def test_pages_load_the_warning_script_with_the_limits(client, almo_staff):
    client.force_login(almo_staff)
    page = client.get(reverse("home")).content.decode()
    assert (
        "js/session-timeout.js" in page and 'data-idle-seconds="1800"' in page and 'data-warning-seconds="120"' in page
    )
    client.logout()
    assert "js/session-timeout.js" not in client.get(reverse("login")).content.decode()


def test_the_api_with_a_token_is_not_subject_to_the_idle_timeout(client, almo_staff):
    from api_access.services import token_create

    _, secret = token_create(actor=almo_staff, name="Housing system")
    client.force_login(almo_staff)
    client.get(reverse("home"))
    age_session(client, **{LAST_ACTIVITY_KEY: 31 * 60})
    # The idle browser session is ended, yet the token still works on its own.
    response = client.get("/api/v1/councils/", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_portal_user_refuses_a_short_password(almo, monkeypatch):
    from django.core.management import CommandError, call_command

    monkeypatch.setenv("NEW_PASSWORD", "short-pw-1")
    with pytest.raises(CommandError, match="at least 12 characters"):
        call_command(
            "portal_user",
            "new.person",
            "--email",
            "new@example.org",
            "--role",
            "almo_staff",
            "--almo",
            almo.slug,
            "--password-env",
            "NEW_PASSWORD",
        )
