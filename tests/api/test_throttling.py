import pytest
from django.urls import reverse

from api_access.services import token_create

ALMOS = reverse("api:almo-list")


@pytest.fixture
def tight(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"api": "3/minute", "export": "1/minute"},
    }


def test_a_token_is_refused_with_429_after_its_limit(api, almo_staff, tight):
    _token, secret = token_create(actor=almo_staff, name="Eager")
    for _ in range(3):
        assert api.get(ALMOS, HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200
    response = api.get(ALMOS, HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 429
    assert response.json()["detail"].startswith("Too many requests for this token or person. Try again in ")
    assert 0 < int(response["Retry-After"]) <= 60
    # Another token has its own allowance.
    _other, fresh = token_create(actor=almo_staff, name="Patient")
    assert api.get(ALMOS, HTTP_AUTHORIZATION=f"Bearer {fresh}").status_code == 200


def test_exports_have_a_lower_limit_of_their_own(api, almo_staff, tight):
    _token, secret = token_create(actor=almo_staff, name="Exporter")
    url = reverse("api:export-benchmarking")
    assert api.get(url, HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200
    assert api.get(url, HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 429
