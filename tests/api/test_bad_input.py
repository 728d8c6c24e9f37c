"""Bad input gets a 4xx that names the problem; never a 500, and nothing is half saved."""

import pytest
from django.urls import reverse

from core.periods import HELP as PERIOD_HELP
from delivery_plans import services
from delivery_plans.models import Actual
from tests.api.records import bearer

RETURNS = reverse("api:return-list")
EXPORT = reverse("api:export-benchmarking")


@pytest.fixture
def open_return(plan, almo_staff):
    return services.return_open(actor=almo_staff, plan=plan, year=2025, quarter=1)


@pytest.fixture
def staff_api(api, almo_staff):
    api.force_authenticate(almo_staff)
    return api


def test_a_body_that_is_not_json(client, open_return, almo_staff):
    headers = bearer(almo_staff)
    url = reverse("api:return-actuals", args=[open_return.pk])
    broken = client.post(url, "{'actuals': [", content_type="application/json", **headers)
    assert broken.status_code == 400
    assert broken.json()["detail"].startswith("The request body is not valid JSON (")
    form = client.post(url, "actuals=1", content_type="application/x-www-form-urlencoded", **headers)
    assert form.status_code == 415
    assert form.json() == {"detail": "Send the request body as JSON, with the header Content-Type: application/json."}
    wrong_shape = client.post(url, '"actuals"', content_type="application/json", **headers)
    assert wrong_shape.status_code == 400
    assert not Actual.objects.filter(return_record=open_return, value__isnull=False).exists()


def test_text_with_nul_bytes_is_refused(staff_api, open_return):
    response = staff_api.post(
        reverse("api:return-actuals", args=[open_return.pk]),
        {"actuals": [{"indicator_code": "RP02(1)", "numerator": "4\x0050", "denominator": "500", "why": "a\x00b"}]},
    )
    assert response.status_code == 400
    assert response.json()["actuals"]["0"]["why"] == ["Null characters are not allowed."]
    figures = staff_api.post(
        reverse("api:return-actuals", args=[open_return.pk]),
        {"actuals": [{"indicator_code": "RP02(1)", "numerator": "4\x0050", "denominator": "500"}]},
    )
    assert figures.status_code == 400
    assert figures.json() == {"actuals": {"0": {"numerator": ["Enter a number without hidden characters."]}}}
    assert staff_api.get(reverse("api:actual-list"), {"indicator_code": "RP\x0002"}).status_code == 400
    assert not Actual.objects.filter(return_record=open_return, value__isnull=False).exists()


@pytest.mark.parametrize("url", [RETURNS, EXPORT])
def test_unknown_query_parameters_are_named(staff_api, url, open_return):
    response = staff_api.get(url, {"colour": "red", "period": "2025"})
    assert response.status_code == 400
    assert list(response.json()) == ["colour"]
    assert response.json()["colour"][0].startswith("Unknown query parameter. This accepts: ")


@pytest.mark.parametrize(
    "period, message",
    [
        ("2025-Q5", "There is no quarter 5: quarters run from Q1 (April to June) to Q4 (January to March)."),
        ("20x5", "'20x5' is not a period."),
        ("2025/27", "2025/27 is not a financial year"),
        ("1066", "Enter a financial year from 2000 to 2099."),
    ],
)
@pytest.mark.parametrize("url", [RETURNS, EXPORT])
def test_malformed_periods_are_explained(staff_api, url, period, message, open_return):
    response = staff_api.get(url, {"period": period})
    assert response.status_code == 400
    assert response.json()["period"][0].startswith(message)


@pytest.mark.parametrize("period", ["2025", "2025/26", "2025-Q1", "2025/26-q1"])
def test_periods_in_either_form_are_read(staff_api, period, open_return):
    assert staff_api.get(RETURNS, {"period": period}).json()["count"] == 1


@pytest.mark.parametrize(
    "params, name",
    [
        ({"page_size": "201"}, "page_size"),
        ({"page_size": "0"}, "page_size"),
        ({"page_size": "ten"}, "page_size"),
        ({"page": "first"}, "page"),
        ({"ordering": "password"}, "ordering"),
        ({"year": "soon"}, "year"),
        ({"status": "lost"}, "status"),
        ({"format": "pdf"}, "format"),
    ],
)
def test_bad_list_parameters_are_named(staff_api, params, name, open_return):
    response = staff_api.get(RETURNS, params)
    assert response.status_code == 400
    assert list(response.json()) == [name]


def test_the_page_size_cap_is_stated(staff_api):
    response = staff_api.get(RETURNS, {"page_size": 500})
    assert response.json() == {
        "page_size": ["The page size can be at most 200. Ask for 200 or fewer and follow the 'next' links."]
    }
    assert staff_api.get(RETURNS, {"page_size": 200}).status_code == 200


def test_a_page_past_the_end_is_not_found(staff_api):
    response = staff_api.get(RETURNS, {"page": 9})
    assert response.status_code == 404
    assert response.json() == {"detail": "There is no page 9: the last is page 1."}


@pytest.mark.parametrize(
    "params, name",
    [
        ({"indicator": "XX99"}, "indicator"),
        ({"peer_group": "nowhere"}, "peer_group"),
        ({"format": "pdf"}, "format"),
    ],
)
def test_bad_export_parameters_are_named_in_json(staff_api, params, name):
    response = staff_api.get(EXPORT, params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert list(response.json()) == [name]


def test_the_tsm_export_needs_a_whole_year(staff_api):
    url = reverse("api:export-tsm")
    assert staff_api.get(url).json() == {"year": ["This field is required."]}
    assert staff_api.get(url, {"year": "2025-Q2"}).json() == {
        "year": ["Choose a whole financial year, like 2025/26, without a quarter."]
    }


def test_ids_that_are_not_numbers_or_too_large_are_not_found(staff_api):
    for pk in ("abc", "99999999999999999999999"):
        assert staff_api.get(f"{RETURNS}{pk}/").status_code == 404
    response = staff_api.get(RETURNS, {"plan": "99999999999999999999999"})
    assert response.status_code == 200 and response.json()["count"] == 0


@pytest.mark.parametrize("period", ["100%", "%s%d", "2025-Q%"])
def test_a_period_with_percent_signs_is_refused_not_crashed(staff_api, period):
    """Found by schemathesis: the message repeats the text, and django-filter formats messages with %."""
    for url in (RETURNS, EXPORT):
        response = staff_api.get(url, {"period": period})
        assert response.status_code == 400
        assert response.json()["period"] == [f"'{period}' is not a period. " + PERIOD_HELP]
