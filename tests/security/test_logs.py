"""Secrets never reach a log: query strings, form bodies and reset links are redacted; refusals are logged."""

import logging

import pytest
from django.urls import reverse

from api_access.models import ApiRequestLog
from organisations.log_redaction import RedactSecretsFilter, redact_query, redact_text
from tests.api.records import bearer

ALMOS = reverse("api:almo-list")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=live", "status=live"),
        ("token=ap_abc&page=2", "token=[redacted]&page=2"),
        # Codes that identify records are what people read the log for: only secret-looking names are hidden.
        ("indicator_code=RP02%281%29&ons_code=E08000990", "indicator_code=RP02%281%29&ons_code=E08000990"),
        ("password=hunter2&access_key=k&client_secret=s&code=123456", None),
        ("", ""),
    ],
)
def test_redact_query_keeps_names_and_drops_secret_values(query, expected):
    cleaned = redact_query(query)
    if expected is not None:
        assert cleaned == expected
    for secret in ("ap_abc", "hunter2", "=k", "=s&", "123456"):
        assert secret not in cleaned


def test_log_records_are_redacted_before_any_handler_sees_them():
    record = logging.LogRecord(
        "django.server",
        logging.INFO,
        __file__,
        1,
        '"GET %s HTTP/1.1" 200',
        ("/sign-in/?next=/&password=hunter2",),
        None,
    )
    RedactSecretsFilter().filter(record)
    assert "hunter2" not in record.getMessage() and "password=[redacted]" in record.getMessage()
    assert redact_text("GET /password-reset/MQ/cd3f-8a1b2c/ 200") == "GET /password-reset/MQ/[redacted]/ 200"
    assert redact_text("POST /password-reset/MQ/set-password/") == "POST /password-reset/MQ/set-password/"
    assert redact_text("sign-in username=north.staff ip=10.0.0.1") == "sign-in username=north.staff ip=10.0.0.1"


def test_the_console_handler_is_configured_with_the_filter(settings):
    assert "redact_secrets" in settings.LOGGING["handlers"]["console"]["filters"]


def test_the_api_request_log_stores_no_secret_from_the_query(api, almo_staff):
    api.get(ALMOS, {"status": "live", "api_key": "leaked-value"}, **bearer(almo_staff))
    logged = ApiRequestLog.objects.get()
    assert "leaked-value" not in logged.query and "status=live" in logged.query


def test_api_refusals_go_to_the_security_log(api, almo_staff, other_almo, caplog):
    headers = bearer(almo_staff)
    with caplog.at_level(logging.WARNING, logger="security"):
        api.get(reverse("api:almo-detail", args=[other_almo.pk]), **headers)
        api.get(ALMOS, HTTP_AUTHORIZATION="Bearer ap_wrong")
    messages = [r.getMessage() for r in caplog.records if r.name == "security"]
    assert any("api-refused status=404" in m and "username=almo.staff" in m for m in messages), messages
    assert any("api-refused status=401" in m for m in messages), messages
    assert not any("ap_wrong" in m for m in messages)
