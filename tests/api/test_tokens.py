"""API tokens: made and revoked in the portal, stored hashed, refused once expired or revoked, use recorded."""

import datetime as dt
import hashlib
import re

import pytest
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from api_access.models import ApiRequestLog, ApiToken
from api_access.services import token_create, token_revoke

ALMOS = reverse("api:almo-list")


def _create_in_portal(client, user, name="Housing management system", days=90) -> str:
    client.force_login(user)
    response = client.post(reverse("api_access:token_create"), {"name": name, "days": days})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    return re.search(r">(ap_[^<]+)</textarea>", response.content.decode())[1]


def test_a_token_made_in_the_portal_is_shown_once_and_stored_hashed(client, almo_staff):
    secret = _create_in_portal(client, almo_staff)
    token = ApiToken.objects.get(user=almo_staff)
    assert token.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret.startswith(f"ap_{token.prefix}_") and len(secret) > 40
    assert secret not in {token.name, token.prefix, token.token_hash}
    assert token.expires_at.date() == (timezone.now() + dt.timedelta(days=90)).date()
    for url in (reverse("api_access:token_list"), reverse("api_access:token_detail", args=[token.pk])):
        page = client.get(url).content.decode()
        assert token.name in page and token.display in page
        assert secret not in page


def test_the_token_works_as_its_owner(client, almo_staff, almo, other_almo):
    secret = _create_in_portal(client, almo_staff)
    client.logout()
    response = client.get(ALMOS, HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [almo.pk]


def test_the_form_needs_a_name_and_an_expiry(client, almo_staff):
    client.force_login(almo_staff)
    response = client.post(reverse("api_access:token_create"), {"name": "", "days": 7})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Enter a name for the token" in page
    assert "Choose when the token expires" in page
    assert not ApiToken.objects.exists()


def test_token_pages_need_a_sign_in(client):
    response = client.get(reverse("api_access:token_list"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("header", ["Bearer", "Bearer two words", "Bearer ap_unknown_secret"])
def test_malformed_or_unknown_tokens_are_refused_with_a_reason(api, header, db):
    response = api.get(ALMOS, HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert "token" in response.json()["detail"].lower()


def test_an_expired_token_is_refused_with_the_date(api, almo_staff):
    token, secret = token_create(actor=almo_staff, name="Old system", days=30)
    ApiToken.objects.filter(pk=token.pk).update(
        created_at=timezone.now() - dt.timedelta(days=40), expires_at=timezone.now() - dt.timedelta(days=10)
    )
    response = api.get(ALMOS, HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 401
    assert response.json()["detail"].startswith("This API token expired on ")
    assert ApiRequestLog.objects.get().token == token  # its owner can see something still uses it


def test_a_revoked_token_is_refused_at_once(client, api, almo_staff):
    token, secret = token_create(actor=almo_staff, name="Leaked")
    assert api.get(ALMOS, HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200
    client.force_login(almo_staff)
    confirm = client.get(reverse("api_access:token_revoke", args=[token.pk]))
    assert "Are you sure you want to revoke" in confirm.content.decode()
    response = client.post(reverse("api_access:token_revoke", args=[token.pk]))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None and token.status == "Revoked"
    refused = api.get(ALMOS, HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert refused.status_code == 401
    assert refused.json()["detail"].startswith("This API token was revoked on ")


def test_only_the_owner_sees_or_revokes_a_token(client, almo_staff, council_officer):
    token, _secret = token_create(actor=almo_staff, name="Mine")
    client.force_login(council_officer)
    assert client.get(reverse("api_access:token_detail", args=[token.pk])).status_code == 404
    assert client.post(reverse("api_access:token_revoke", args=[token.pk])).status_code == 404
    assert "Mine" not in client.get(reverse("api_access:token_list")).content.decode()
    token.refresh_from_db()
    assert token.revoked_at is None
    with pytest.raises(Http404):
        token_revoke(actor=council_officer, token=token)


def test_a_token_of_someone_no_longer_active_is_refused(api, almo_staff):
    _token, secret = token_create(actor=almo_staff, name="Leaver")
    almo_staff.is_active = False
    almo_staff.save()
    assert api.get(ALMOS, HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401


def test_last_use_is_recorded_at_most_once_a_minute(api, almo_staff):
    token, secret = token_create(actor=almo_staff, name="Busy")
    assert token.last_used_at is None
    api.get(ALMOS, HTTP_AUTHORIZATION=f"Bearer {secret}")
    token.refresh_from_db()
    first = token.last_used_at
    assert first is not None
    api.get(ALMOS, HTTP_AUTHORIZATION=f"Bearer {secret}")
    token.refresh_from_db()
    assert token.last_used_at == first
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first - dt.timedelta(minutes=2))
    api.get(ALMOS, HTTP_AUTHORIZATION=f"Bearer {secret}")
    token.refresh_from_db()
    assert token.last_used_at > first - dt.timedelta(minutes=1)


def test_each_request_is_logged_against_its_token(client, api, almo_staff):
    token, secret = token_create(actor=almo_staff, name="Logged")
    api.get(ALMOS, {"status": "live"}, HTTP_AUTHORIZATION=f"Bearer {secret}")
    api.get(ALMOS, {"colour": "red"}, HTTP_AUTHORIZATION=f"Bearer {secret}")
    logged = list(ApiRequestLog.objects.order_by("pk"))
    assert [(e.method, e.path, e.query, e.status) for e in logged] == [
        ("GET", ALMOS, "status=live", 200),
        ("GET", ALMOS, "colour=red", 400),
    ]
    assert all(e.token == token and e.user == almo_staff and e.duration_ms >= 0 for e in logged)
    client.force_login(almo_staff)
    page = client.get(reverse("api_access:token_detail", args=[token.pk])).content.decode()
    assert "colour=red" in page


def test_the_portal_offers_api_tokens_in_its_navigation(client, almo_staff, council_officer):
    """To the people whose systems send and read figures; board members and observers are not offered them."""
    for user in (almo_staff, council_officer):
        client.force_login(user)
        assert reverse("api_access:token_list") in client.get(reverse("home")).content.decode()


def test_making_and_revoking_a_token_is_in_the_security_log(almo_staff, caplog):
    with caplog.at_level("INFO", logger="security"):
        token, secret = token_create(actor=almo_staff, name="Housing system")
        token_revoke(actor=almo_staff, token=token)
    lines = [record.getMessage() for record in caplog.records if record.name == "security"]
    assert any(line.startswith(f"api-token-created username=almo.staff prefix={token.prefix}") for line in lines)
    assert f"api-token-revoked username=almo.staff prefix={token.prefix}" in lines
    assert not any(secret in line for line in lines), "the secret never reaches a log"
