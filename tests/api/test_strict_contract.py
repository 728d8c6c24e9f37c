"""The API's contract is strict: unknown body keys and wrong JSON types are refused by name, empty list parameters
mean any, and the schema documents every answer an action can give."""

import pytest
from django.urls import reverse

from delivery_plans import services
from delivery_plans.models import Actual, Amendment, Concern, Return
from tests.api.records import make_concern

RETURNS = reverse("api:return-list")
LINE_FIELDS = (
    "actual, indicator_code, numerator, denominator, value, what_happened, why, recovery_action, expected_recovery"
)


@pytest.fixture
def open_return(plan, almo_staff):
    return services.return_open(actor=almo_staff, plan=plan, year=2025, quarter=1)


@pytest.fixture
def staff_api(api, almo_staff):
    api.force_authenticate(almo_staff)
    return api


@pytest.fixture
def officer_api(api, council_officer):
    api.force_authenticate(council_officer)
    return api


def _saved_figures(return_record) -> int:
    return Actual.objects.filter(return_record=return_record, numerator__isnull=False).count()


# Unknown body keys ------------------------------------------------------------------------------


def test_an_unknown_key_in_a_line_is_named_and_nothing_is_saved(staff_api, open_return):
    response = staff_api.post(
        reverse("api:return-actuals", args=[open_return.pk]),
        {
            "actuals": [
                {"indicator_code": "RP02(1)", "numerator": "450", "denominator": "500"},
                {"indicator_code": "BV212", "numerator": "2500", "denominator": "100", "colour": "red"},
            ]
        },
    )
    assert response.status_code == 400
    assert response.json() == {"actuals": {"1": {"colour": [f"Unknown field. This accepts: {LINE_FIELDS}."]}}}
    assert _saved_figures(open_return) == 0


def test_an_unknown_key_beside_the_lines_is_named(staff_api, open_return):
    response = staff_api.post(
        reverse("api:return-actuals", args=[open_return.pk]),
        {"actuals": [{"indicator_code": "RP02(1)", "numerator": "450", "denominator": "500"}], "submit": True},
    )
    assert response.status_code == 400
    assert response.json() == {"submit": ["Unknown field. This accepts: actuals."]}
    assert _saved_figures(open_return) == 0


def test_an_unknown_key_in_a_new_record_is_named_and_nothing_is_made(officer_api, plan):
    response = officer_api.post(
        reverse("api:concern-list"),
        {"plan": plan.pk, "title": "Re-lets", "description": "Slow.", "about_party": "almo", "severity": "high"},
    )
    assert response.status_code == 400
    assert response.json() == {"severity": ["Unknown field. This accepts: plan, title, description, about_party."]}
    assert not Concern.objects.exists()


def test_an_action_that_takes_no_body_refuses_keys_in_one(staff_api, open_return):
    url = reverse("api:return-submit", args=[open_return.pk])
    response = staff_api.post(url, {"force": True})
    assert response.status_code == 400
    assert response.json() == {"force": ["Unknown field. This accepts: no fields."]}
    open_return.refresh_from_db()
    assert open_return.status == Return.Status.DRAFT


# Wrong JSON types -------------------------------------------------------------------------------


def test_text_for_a_whole_number_is_refused_by_name(staff_api, plan):
    response = staff_api.post(RETURNS, {"plan": str(plan.pk), "year": "2025", "quarter": 1.0})
    assert response.status_code == 400
    assert response.json() == {
        "plan": ["Send the record's id, a whole number like 12, not text."],
        "year": ["Send a whole number, like 12, not text."],
        "quarter": ["Send a whole number, like 12, not a number."],
    }
    assert not Return.objects.exists()


def test_a_number_for_text_is_refused_rather_than_saved_as_text(officer_api, plan):
    """The reported bug: DRF saved the number 42 as the text "42"."""
    response = officer_api.post(
        reverse("api:concern-list"), {"plan": plan.pk, "title": 42, "description": 4.5, "about_party": "almo"}
    )
    assert response.status_code == 400
    assert response.json() == {"title": ["Send text, not a number."], "description": ["Send text, not a number."]}
    assert not Concern.objects.exists()


def test_a_number_for_commentary_is_refused_and_nothing_is_saved(staff_api, open_return):
    response = staff_api.post(
        reverse("api:return-actuals", args=[open_return.pk]),
        {"actuals": [{"indicator_code": "RP02(1)", "numerator": "450", "denominator": "500", "why": 42}]},
    )
    assert response.status_code == 400
    assert response.json() == {"actuals": {"0": {"why": ["Send text, not a number."]}}}
    assert _saved_figures(open_return) == 0


@pytest.mark.parametrize("figure", ["lots", "4 50", " 450", "", "٤٥٠", True, [450], {"n": 450}])
def test_a_figure_that_is_not_a_number_is_refused_by_name(staff_api, open_return, figure):
    response = staff_api.post(
        reverse("api:return-actuals", args=[open_return.pk]),
        {"actuals": [{"indicator_code": "RP02(1)", "numerator": figure, "denominator": "500"}]},
    )
    assert response.status_code == 400
    assert list(response.json()["actuals"]["0"]) == ["numerator"]
    assert _saved_figures(open_return) == 0


@pytest.mark.parametrize(
    "numerator, value", [(450, "90.0000"), (450.0, "90.0000"), ("4,50", None), ("450.5", "90.1000")]
)
def test_figures_are_json_numbers_or_numbers_as_text(staff_api, open_return, numerator, value):
    response = staff_api.post(
        reverse("api:return-actuals", args=[open_return.pk]),
        {"actuals": [{"indicator_code": "RP02(1)", "numerator": numerator, "denominator": "500"}]},
    )
    if value is None:  # commas only between thousands: the service's own message
        assert response.status_code == 400
        assert list(response.json()["actuals"]["0"]) == ["numerator"]
    else:
        assert response.status_code == 200, response.content
        lines = {line["indicator_code"]: line for line in response.json()["actuals"]}
        assert lines["RP02(1)"]["value"] == value


def test_text_that_is_not_a_number_is_refused_for_a_decimal(staff_api, plan):
    target = plan.plan_indicators.get(indicator__code="BV212").targets.get(year=2026, quarter=1)
    data = {"plan": plan.pk, "kind": "target", "reason": "The new contract starts late.", "target": target.pk}
    response = staff_api.post(reverse("api:amendment-list"), {**data, "new_value": "thirty"})
    assert response.status_code == 400
    assert response.json() == {"new_value": ['Send a number, like 95.5 or "95.5", not text that is not a number.']}
    assert not Amendment.objects.exists()
    assert staff_api.post(reverse("api:amendment-list"), {**data, "new_value": 30.5}).status_code == 201


@pytest.mark.parametrize(
    "actuals, errors",
    [
        ({"indicator_code": "RP02(1)"}, {"actuals": ["Send a list, not an object."]}),
        ("RP02(1)", {"actuals": ["Send a list, not text."]}),
        (
            [["RP02(1)", 450, 500]],
            {"actuals": {"0": {"non_field_errors": ["Invalid data. Expected a dictionary, but got list."]}}},
        ),
    ],
)
def test_a_list_or_an_object_in_the_wrong_place_is_refused_by_name(staff_api, open_return, actuals, errors):
    response = staff_api.post(reverse("api:return-actuals", args=[open_return.pk]), {"actuals": actuals})
    assert response.status_code == 400
    assert response.json() == errors


def test_a_date_must_be_written_as_one(staff_api, open_return):
    line = {"indicator_code": "RP02(1)", "expected_recovery": "2027-3-31"}
    response = staff_api.post(reverse("api:return-actuals", args=[open_return.pk]), {"actuals": [line]})
    assert response.json() == {"actuals": {"0": {"expected_recovery": ["Send a date, like 2027-03-31, not text."]}}}


# Empty list parameters --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "params",
    [
        {"status": ""},
        {"year": ""},
        {"period": ""},
        {"plan": ""},
        {"ordering": ""},
        {"page": ""},
        {"page_size": ""},
        {"status": "", "year": "", "period": "", "ordering": "", "page": "", "page_size": ""},
    ],
)
def test_an_empty_list_parameter_means_any(staff_api, open_return, plan, almo_staff, params):
    services.return_open(actor=almo_staff, plan=plan, year=2025, quarter=2)
    response = staff_api.get(RETURNS, params)
    assert response.status_code == 200, response.content
    assert response.json()["count"] == 2


def test_an_empty_value_among_others_is_left_out(staff_api, open_return):
    assert staff_api.get(RETURNS, {"status": ["", "draft"]}).json()["count"] == 1
    assert staff_api.get(RETURNS, {"status": ["", "accepted"]}).json()["count"] == 0


@pytest.mark.parametrize(
    "url, params",
    [
        (RETURNS, {"year": " 2025"}),
        (RETURNS, {"year": "2025.0"}),
        (RETURNS, {"year": "２０２５"}),
        (RETURNS, {"period": " 2025"}),
        (RETURNS, {"period": "2025-Q01"}),
        (RETURNS, {"page": " 1"}),
        (RETURNS, {"page": "last"}),
        (RETURNS, {"ordering": "year,"}),
        (RETURNS, {"ordering": "year, quarter"}),
        (reverse("api:indicator-list"), {"is_active": "maybe"}),
        (reverse("api:indicator-list"), {"is_active": "True"}),
        (reverse("api:export-benchmarking"), {"period": "2025 "}),
    ],
)
def test_a_value_that_is_not_empty_must_be_exact(staff_api, open_return, url, params):
    """Django would read these loosely (a space trimmed, `maybe` as any); the schema does not, so neither does the
    API."""
    response = staff_api.get(url, params)
    assert response.status_code == 400, response.content
    assert list(response.json()) == list(params)


def test_an_unknown_parameter_is_refused_even_when_empty(staff_api):
    response = staff_api.get(RETURNS, {"colour": ""})
    assert response.status_code == 400
    assert list(response.json()) == ["colour"]


# The schema -------------------------------------------------------------------------------------


@pytest.fixture
def schema(client):
    return client.get(reverse("api:schema"), {"format": "json"}).json()


def test_the_schema_documents_every_answer_of_a_write(schema):
    responses = schema["paths"]["/api/v1/returns/{id}/actuals/"]["post"]["responses"]
    assert {"200", "400", "401", "403", "404", "409", "415", "429"} <= set(responses)
    for status_code in ("400", "403", "404"):
        assert "application/json" in responses[status_code]["content"], status_code
    assert responses["400"]["content"]["application/json"]["schema"] == {
        "anyOf": [{"$ref": "#/components/schemas/FieldErrors"}, {"$ref": "#/components/schemas/Error"}]
    }
    assert responses["404"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}
    assert schema["components"]["schemas"]["Error"]["required"] == ["detail"]


def test_the_schema_documents_the_errors_of_every_operation(schema):
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert {"400", "401", "403", "404", "429"} <= set(operation["responses"]), f"{method} {path}"


def test_the_schema_says_request_bodies_take_no_other_keys(schema):
    components = schema["components"]["schemas"]
    for name in ("ActualsInputRequest", "ActualInputRequest", "ReturnOpenRequest", "ConcernCreateRequest"):
        assert components[name]["additionalProperties"] is False, name


def test_the_schema_says_empty_list_parameters_mean_any(schema):
    parameters = {p["name"]: p for p in schema["paths"]["/api/v1/returns/"]["get"]["parameters"]}
    for name in ("status", "year", "period", "plan", "ordering", "page", "page_size"):
        assert parameters[name]["allowEmptyValue"] is True, name
    assert parameters["year"]["schema"] == {"type": "integer"}
    assert "Empty is the same as left out" in parameters["status"]["description"]


def test_the_schema_links_answers_to_what_can_be_done_with_the_record(schema):
    paths = schema["paths"]
    listed = paths["/api/v1/returns/"]["get"]["responses"]["200"]["links"]
    assert listed["returns_submit_create"] == {
        "operationId": "returns_submit_create",
        "parameters": {"id": "$response.body#/results/0/id"},
    }
    created = paths["/api/v1/returns/"]["post"]["responses"]["201"]["links"]
    assert created["returns_actuals_create"]["parameters"] == {"id": "$response.body#/id"}
    submitted = paths["/api/v1/returns/{id}/submit/"]["post"]["responses"]["200"]["links"]
    assert submitted["returns_accept_create"]["parameters"] == {"id": "$request.path.id"}


def test_an_address_the_api_does_not_have_is_a_json_404(staff_api, open_return, concern_url):
    for url in (f"{RETURNS}{open_return.pk}.5/", RETURNS.rstrip("/"), "/api/v1/nothing/", concern_url):
        response = staff_api.post(url, {})
        assert response.status_code == 404, url
        assert response["Content-Type"] == "application/json", url
        assert response.json()["detail"], url


@pytest.fixture
def concern_url(plan):
    return reverse("api:concern-detail", args=[make_concern(plan).pk]).replace("/concerns/", "/concern/")
