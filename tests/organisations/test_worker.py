"""Tasks on a real Celery worker over Redis."""

import time

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.worker


def wait_for(condition, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_a_new_user_gets_their_welcome_email_from_the_worker(celery_worker_process, almo):
    call_command(
        "portal_user",
        "new.starter",
        "--email",
        "new.starter@example.org",
        "--almo",
        almo.slug,
        "--role",
        "almo_staff",
    )
    mail_dir = celery_worker_process.mail_dir
    assert wait_for(lambda: mail_dir.exists() and any(mail_dir.iterdir())), celery_worker_process.output()
    message = next(mail_dir.iterdir()).read_text()
    assert "To: new.starter@example.org" in message
    assert "Your ALMO Portal account" in message
    assert "/password-reset/" in message
    assert "send_welcome_email_task" in celery_worker_process.output()
