"""Two-factor sign-in, tried as a person and as an attacker would: set-up, the code step, recovery codes, who must
use it, lockout, the audit trail, and API tokens left alone. Every test here runs with it required, as in
production (the `two_factor` marker)."""

import logging
import re
from base64 import b32decode

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from api_access.services import token_create
from organisations.log_redaction import redact_text
from organisations.two_factor import services
from tests.factories import PASSWORD

pytestmark = [pytest.mark.django_db, pytest.mark.two_factor]

ADDRESS = "203.0.113.5"
SET_UP = reverse("organisations:two_factor_set_up")
VERIFY = reverse("organisations:two_factor_verify")
ACCOUNT = reverse("organisations:two_factor")


def code_for(device, steps_ahead=0):
    """The code the person's app shows now (or `steps_ahead` periods on, as a later sign-in would need)."""
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift + steps_ahead):06d}"


def with_app(user):
    """Give `user` a confirmed authenticator app and recovery codes, as finishing set-up does."""
    device = TOTPDevice.objects.create(user=user, name=services.APP_NAME, confirmed=True)
    return device, services.recovery_codes_replace(user=user)


def sign_in(client, user, password=PASSWORD):
    return client.post(reverse("login"), {"username": user.username, "password": password}, REMOTE_ADDR=ADDRESS)


def enter_code(client, code, url=VERIFY):
    return client.post(url, {"code": code}, REMOTE_ADDR=ADDRESS)


def security_lines(caplog):
    return [record.getMessage() for record in caplog.records if record.name == "security"]


def test_setting_up_from_the_first_sign_in_to_the_recovery_codes(client, council_officer, caplog):
    caplog.set_level(logging.INFO, logger="security")
    response = sign_in(client, council_officer)
    assert response.status_code == 302 and response.url == SET_UP

    page = client.get(SET_UP)
    assert page.status_code == 200
    html = page.content.decode()
    assert "You must set up two-factor sign-in before you can use ALMO Portal" in html
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html and 'aria-label="QR code' in html
    # The key written out for typing is the device's own secret.
    secret = re.search(r'<code id="two-factor-secret">([A-Z2-7 ]+)</code>', html).group(1)
    device = TOTPDevice.objects.get(user=council_officer, confirmed=False)
    assert b32decode(secret.replace(" ", "") + "=" * (-len(secret.replace(" ", "")) % 8)) == device.bin_key

    refused = enter_code(client, "000000" if code_for(device) != "000000" else "111111", SET_UP)
    assert refused.status_code == 400
    assert "The code is not right" in refused.content.decode()

    done = enter_code(client, code_for(device), SET_UP)
    assert done.status_code == 200
    html = done.content.decode()
    assert "Two-factor sign-in is set up" in html and "You will not be able to see them again" in html
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", html)
    assert len(codes) == 10
    assert set(StaticToken.objects.filter(device__user=council_officer).values_list("token", flat=True)) == set(codes)
    device.refresh_from_db()
    assert device.confirmed
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.get(reverse("organisations:council_list")).status_code == 200
    assert f"two-factor set up username=council.officer ip={ADDRESS}" in security_lines(caplog)


def test_a_person_with_an_app_is_not_signed_in_until_they_give_the_code(client, almo_staff, caplog):
    caplog.set_level(logging.INFO, logger="security")
    device, _ = with_app(almo_staff)
    response = sign_in(client, almo_staff)
    assert response.status_code == 302 and response.url == VERIFY
    assert "_auth_user_id" not in client.session
    # Half-way through, every other page still wants a sign-in.
    assert client.get(reverse("home")).url.startswith(reverse("login"))
    assert "Enter your security code" in client.get(VERIFY).content.decode()

    response = enter_code(client, code_for(device))
    assert response.status_code == 302 and response.url == reverse("home")
    assert client.session["_auth_user_id"] == str(almo_staff.pk)
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.get(reverse("home")).status_code == 200
    lines = security_lines(caplog)
    assert f"two-factor verified username=almo.staff ip={ADDRESS}" in lines
    # The sign-in itself is recorded once, when it is complete.
    assert lines.count(f"sign-in username=almo.staff ip={ADDRESS}") == 1


def test_the_sign_in_keeps_the_page_asked_for(client, almo_staff):
    device, _ = with_app(almo_staff)
    wanted = reverse("organisations:almo_list")
    client.post(f"{reverse('login')}?next={wanted}", {"username": "almo.staff", "password": PASSWORD, "next": wanted})
    assert enter_code(client, code_for(device)).url == wanted


def test_a_wrong_code_is_refused_with_an_error_summary_naming_the_field(client, almo_staff, caplog):
    caplog.set_level(logging.INFO, logger="security")
    device, _ = with_app(almo_staff)
    sign_in(client, almo_staff)
    wrong = "123456" if code_for(device) != "123456" else "654321"
    response = enter_code(client, wrong)
    assert response.status_code == 400
    html = response.content.decode()
    assert "govuk-error-summary" in html and "<title>Error: Enter your security code" in html
    assert '<a href="#id_code">The code is not right.' in html
    assert 'id="code-error"' in html or "govuk-error-message" in html
    assert "_auth_user_id" not in client.session
    assert enter_code(client, "12").status_code == 400
    assert "Enter the code as 6 digits" in enter_code(client, "12").content.decode()
    assert f"two-factor code refused username=almo.staff ip={ADDRESS}" in security_lines(caplog)


def test_five_wrong_codes_lock_signing_in_and_the_right_code_is_then_refused(client, almo_staff):
    device, _ = with_app(almo_staff)
    sign_in(client, almo_staff)
    wrong = "123456" if code_for(device) != "123456" else "654321"
    for _ in range(4):
        assert enter_code(client, wrong).status_code == 400
    assert enter_code(client, wrong).status_code == 429
    # The half-finished sign-in is gone, and the password step is locked too.
    assert enter_code(client, code_for(device)).status_code == 302
    assert "_auth_user_id" not in client.session
    assert sign_in(client, almo_staff).status_code == 429
    # Attempts are stored with the form's fields, but never the code.
    assert AccessAttempt.objects.exists()
    assert not any(wrong in attempt.post_data for attempt in AccessAttempt.objects.all())


def test_a_recovery_code_signs_in_once_only(client, almo_staff, caplog):
    caplog.set_level(logging.INFO, logger="security")
    _, codes = with_app(almo_staff)
    sign_in(client, almo_staff)
    # Typed in capitals with a space, as people do.
    response = enter_code(client, f"{codes[0][:4].upper()} {codes[0][4:].upper()}")
    assert response.status_code == 302 and response.url == reverse("home")
    assert "You have 9 left" in client.get(reverse("home")).content.decode()
    assert f"two-factor recovery code used username=almo.staff ip={ADDRESS} left=9" in security_lines(caplog)

    client.post(reverse("logout"))
    sign_in(client, almo_staff)
    response = enter_code(client, codes[0])
    assert response.status_code == 400
    assert "_auth_user_id" not in client.session
    assert enter_code(client, codes[1]).status_code == 302


def test_new_recovery_codes_replace_the_old_ones(client, almo_staff, caplog):
    caplog.set_level(logging.INFO, logger="security")
    device, old_codes = with_app(almo_staff)
    sign_in(client, almo_staff)
    enter_code(client, code_for(device))
    assert "Recovery codes left</dt>" in client.get(ACCOUNT).content.decode()
    response = client.post(reverse("organisations:two_factor_recovery_codes"), REMOTE_ADDR=ADDRESS)
    new_codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())
    assert len(new_codes) == 10 and not set(new_codes) & set(old_codes)
    assert services.code_check(user=almo_staff, code=old_codes[0]) is None
    assert services.code_check(user=almo_staff, code=new_codes[0]) is not None
    assert f"two-factor recovery codes replaced username=almo.staff ip={ADDRESS}" in security_lines(caplog)


@pytest.mark.parametrize("person", ["council_officer", "almo_staff", "superuser"])
def test_people_who_must_use_it_reach_nothing_else_before_setting_it_up(client, person, request, almo):
    user = request.getfixturevalue(person)
    assert sign_in(client, user).url == SET_UP
    for url in [
        reverse("home"),
        reverse("organisations:council_list"),
        reverse("organisations:almo_detail", kwargs={"slug": almo.slug}),
        reverse("api_access:token_list"),
        reverse("reporting:notification_list"),
        ACCOUNT,
        reverse("organisations:two_factor_remove"),
        "/admin/",
    ]:
        response = client.get(url)
        assert response.status_code == 302 and response.url == SET_UP, url
    assert client.post(reverse("organisations:two_factor_recovery_codes")).url == SET_UP
    # The API with the session cookie is refused too.
    api = client.get("/api/v1/councils/")
    assert api.status_code == 403 and "security code" in api.json()["detail"]
    # What stays open: the set-up page itself, signing out, the health page and the public pages.
    assert client.get(SET_UP).status_code == 200
    assert client.get(reverse("health")).status_code in (200, 500)
    assert client.get(reverse("password_reset")).status_code == 200
    assert client.post(reverse("logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_session_started_another_way_still_owes_its_step(client, council_officer, almo_staff):
    # force_login stands for any sign-in that skips the portal's sign-in page, such as the admin's.
    client.force_login(council_officer)
    assert client.get(reverse("home")).url == SET_UP
    device, _ = with_app(almo_staff)
    client.force_login(almo_staff)
    assert client.get(reverse("home")).url == VERIFY
    assert client.get(SET_UP).url == VERIFY  # nobody replaces the app without the code
    assert enter_code(client, code_for(device)).url == reverse("home")
    assert client.get(reverse("home")).status_code == 200


def test_the_admin_sign_in_page_does_not_skip_the_code(client, superuser):
    device, _ = with_app(superuser)
    client.post("/admin/login/?next=/admin/", {"username": "root", "password": PASSWORD}, REMOTE_ADDR=ADDRESS)
    assert client.get("/admin/").url == VERIFY
    enter_code(client, code_for(device))
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize("person", ["board_member", "observer"])
def test_board_members_and_observers_choose_unless_their_council_requires_it(client, person, request, council):
    user = request.getfixturevalue(person)
    assert sign_in(client, user).url == reverse("home")
    assert client.get(reverse("home")).status_code == 200
    assert "No, you can choose" in client.get(ACCOUNT).content.decode()
    client.post(reverse("logout"))

    council.board_two_factor_required = True
    council.save()
    assert sign_in(client, user).url == SET_UP
    assert client.get(reverse("home")).url == SET_UP


def test_the_council_setting_is_in_the_admin(client, superuser, council):
    with_app(superuser)
    client.force_login(superuser)
    client.get(VERIFY)
    device = TOTPDevice.objects.get(user=superuser)
    enter_code(client, code_for(device))
    page = client.get(reverse("admin:organisations_council_change", args=[council.pk]))
    assert 'name="board_two_factor_required"' in page.content.decode()


def test_a_board_member_may_opt_in_and_turn_it_off_again(client, board_member, caplog):
    caplog.set_level(logging.INFO, logger="security")
    sign_in(client, board_member)
    assert "Set up two-factor sign-in" in client.get(ACCOUNT).content.decode()
    client.get(SET_UP)
    device = TOTPDevice.objects.get(user=board_member)
    assert enter_code(client, code_for(device), SET_UP).status_code == 200
    client.post(reverse("logout"))

    assert sign_in(client, board_member).url == VERIFY
    device.refresh_from_db()
    enter_code(client, code_for(device, steps_ahead=1))
    assert client.get(reverse("home")).status_code == 200

    remove = reverse("organisations:two_factor_remove")
    assert enter_code(client, "12345x", remove).status_code == 400
    device.refresh_from_db()
    response = enter_code(client, code_for(device, steps_ahead=1), remove)
    assert response.status_code == 302 and response.url == ACCOUNT
    assert not TOTPDevice.objects.filter(user=board_member).exists()
    assert not StaticToken.objects.filter(device__user=board_member).exists()
    client.post(reverse("logout"))
    assert sign_in(client, board_member).url == reverse("home")
    lines = security_lines(caplog)
    assert f"two-factor removed username=board.member ip={ADDRESS}" in lines


def test_people_who_must_use_it_cannot_turn_it_off(client, almo_staff):
    device, _ = with_app(almo_staff)
    sign_in(client, almo_staff)
    enter_code(client, code_for(device))
    assert "Turn off two-factor sign-in" not in client.get(ACCOUNT).content.decode()
    assert client.get(reverse("organisations:two_factor_remove")).status_code == 404


def test_the_code_page_without_a_password_first_sends_people_to_sign_in(client):
    response = client.get(VERIFY)
    assert response.status_code == 302 and response.url == reverse("login")
    assert enter_code(client, "123456").url == reverse("login")


def test_api_tokens_work_without_two_factor(client, council_officer, almo_staff):
    with_app(almo_staff)
    for user in (council_officer, almo_staff):
        _token, raw = token_create(actor=user, name="Housing system")
        response = client.get("/api/v1/councils/", HTTP_AUTHORIZATION=f"Bearer {raw}")
        assert response.status_code == 200, user


def test_no_code_reaches_the_logs(client, almo_staff, caplog):
    caplog.set_level(logging.DEBUG)
    device, codes = with_app(almo_staff)
    sign_in(client, almo_staff)
    given = [code_for(device), codes[0], "999999"]
    enter_code(client, given[2])
    enter_code(client, given[1])
    messages = [record.getMessage() for record in caplog.records]
    assert messages
    assert not any(code in message for message in messages for code in given)
    # The form's field is one the log filter redacts, in a query string or a form body written to a log.
    assert "999999" not in redact_text(f"POST {VERIFY}?code=999999 body: code=999999&next=/")


def test_without_the_requirement_a_password_signs_in_and_set_up_is_offered(client, council_officer, settings):
    settings.TWO_FACTOR_REQUIRED = False  # the embedded demo's setting
    assert sign_in(client, council_officer).url == reverse("home")
    assert client.get(reverse("home")).status_code == 200
    assert client.get(SET_UP).status_code == 200
