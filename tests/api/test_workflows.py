"""Writes through the API: the same services and rules as the pages."""

import datetime as dt
from decimal import Decimal

from django.urls import reverse

from delivery_plans import services
from delivery_plans.models import Actual, Amendment, Concern, Query, Return
from tests.api.records import bearer
from tests.plans import COMMENTARY, fill

RETURNS = reverse("api:return-list")


def _actuals_url(return_record_id):
    return reverse("api:return-actuals", args=[return_record_id])


def test_a_system_submits_a_quarters_actuals_and_they_appear_in_the_return(client, plan, almo_staff):
    system = bearer(almo_staff, name="Housing management system")
    opened = client.post(
        RETURNS, {"plan": plan.pk, "year": 2025, "quarter": 2}, content_type="application/json", **system
    )
    assert opened.status_code == 201, opened.content
    return_id = opened.json()["id"]
    assert opened["Location"].endswith(reverse("api:return-detail", args=[return_id]))
    assert {line["indicator_code"] for line in opened.json()["actuals"]} == {"RP02(1)", "BV212"}

    saved = client.post(
        _actuals_url(return_id),
        {
            "actuals": [
                {"indicator_code": "RP02(1)", "numerator": 451, "denominator": "500"},
                {
                    "indicator_code": "BV212",
                    "numerator": "3300",
                    "denominator": "100",
                    "what_happened": "Re-lets took 33 days on average.",
                    "why": "Several homes needed full rewires.",
                    "recovery_action": "Pre-void inspections at notice.",
                    "expected_recovery": "2027-03-31",
                },
            ]
        },
        content_type="application/json",
        **system,
    )
    assert saved.status_code == 200, saved.content
    lines = {line["indicator_code"]: line for line in saved.json()["actuals"]}
    assert lines["RP02(1)"]["value"] == "90.2000" and lines["RP02(1)"]["rag"] == "green"
    assert lines["BV212"]["value"] == "33.0000" and lines["BV212"]["rag"] == "red"

    submitted = client.post(reverse("api:return-submit", args=[return_id]), content_type="application/json", **system)
    assert submitted.status_code == 200, submitted.content
    assert submitted.json()["status"] == Return.Status.SUBMITTED

    client.force_login(almo_staff)
    page = client.get(reverse("delivery_plans:return_detail", args=[return_id])).content.decode()
    for text in ("451", "90.2", "33.0", "Several homes needed full rewires.", "Submitted"):
        assert text in page, text
    actual = Actual.objects.get(return_record_id=return_id, plan_indicator__indicator__code="BV212")
    assert actual.expected_recovery == dt.date(2027, 3, 31)
    assert actual.history.latest().history_user == almo_staff


def test_the_lines_are_saved_all_together_or_not_at_all(api, plan, almo_staff):
    return_record = services.return_open(actor=almo_staff, plan=plan, year=2025, quarter=1)
    api.force_authenticate(almo_staff)
    response = api.post(
        _actuals_url(return_record.pk),
        {
            "actuals": [
                {"indicator_code": "RP02(1)", "numerator": "450", "denominator": "500"},
                {"indicator_code": "BV212", "numerator": "2500", "denominator": "0"},
            ]
        },
    )
    assert response.status_code == 400
    assert response.json() == {"actuals": {"1": {"denominator": ["The denominator must be more than zero."]}}}
    assert not Actual.objects.filter(return_record=return_record, value__isnull=False).exists()


def test_lines_are_named_by_code_or_id_and_unknown_ones_are_refused(api, plan, almo_staff):
    return_record = services.return_open(actor=almo_staff, plan=plan, year=2025, quarter=1)
    line = return_record.actuals.get(plan_indicator__indicator__code="BV212")
    api.force_authenticate(almo_staff)
    shapeless = api.post(_actuals_url(return_record.pk), {"actuals": [{"actual": line.pk}, {}]})
    assert shapeless.status_code == 400
    assert shapeless.json() == {"actuals": {"1": {"indicator_code": ["Name the line by its indicator_code."]}}}
    response = api.post(
        _actuals_url(return_record.pk),
        {"actuals": [{"indicator_code": "TP09", "value": "1"}, {"actual": 999999}, {"actual": line.pk}]},
    )
    assert response.status_code == 400
    assert response.json() == {
        "actuals": {
            "0": {"indicator_code": ["This return has no line for TP09. Its lines are: BV212, RP02(1)."]},
            "1": {"actual": ["Line 999999 is not in this return."]},
        }
    }


def test_fields_left_out_keep_their_saved_values(api, plan, almo_staff):
    return_record = services.return_open(actor=almo_staff, plan=plan, year=2025, quarter=1)
    fill(return_record, almo_staff)
    api.force_authenticate(almo_staff)
    response = api.post(
        _actuals_url(return_record.pk), {"actuals": [{"indicator_code": "BV212", "why": "Voids needed rewires."}]}
    )
    assert response.status_code == 200, response.content
    line = return_record.actuals.get(plan_indicator__indicator__code="BV212")
    assert (line.numerator, line.denominator, line.value) == (Decimal("2500"), Decimal("100"), Decimal("25"))
    assert line.why == "Voids needed rewires."


def test_a_write_to_an_accepted_return_is_refused_and_changes_nothing(api, plan, almo_staff, council_officer):
    return_record = services.return_open(actor=almo_staff, plan=plan, year=2025, quarter=1)
    fill(return_record, almo_staff)
    services.return_submit(actor=almo_staff, return_record=return_record)
    services.return_accept(actor=council_officer, return_record=return_record)
    before = list(Actual.objects.filter(return_record=return_record).values())
    api.force_authenticate(almo_staff)
    response = api.post(
        _actuals_url(return_record.pk),
        {"actuals": [{"indicator_code": "RP02(1)", "numerator": "1", "denominator": "500"}]},
    )
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["This return is accepted; it cannot be changed now."]}
    assert api.post(reverse("api:return-submit", args=[return_record.pk])).status_code == 400
    assert list(Actual.objects.filter(return_record=return_record).values()) == before


def test_only_the_almo_writes_its_return_and_only_the_council_accepts_it(
    api, plan, almo_staff, council_officer, other_staff
):
    return_record = services.return_open(actor=almo_staff, plan=plan, year=2025, quarter=1)
    fill(return_record, almo_staff)
    api.force_authenticate(council_officer)
    body = {"actuals": [{"indicator_code": "RP02(1)", "numerator": "1", "denominator": "500"}]}
    response = api.post(_actuals_url(return_record.pk), body)
    assert response.status_code == 403
    assert response.json() == {"detail": "Only the ALMO's staff can enter figures in its return."}
    assert api.post(RETURNS, {"plan": plan.pk, "year": 2025, "quarter": 2}).status_code == 403
    api.force_authenticate(other_staff)
    assert api.post(_actuals_url(return_record.pk), body).status_code == 404
    refused = api.post(RETURNS, {"plan": plan.pk, "year": 2025, "quarter": 2})
    assert refused.status_code == 400
    assert refused.json()["plan"] == [f"There is no delivery plan with the id {plan.pk} that you can see."]
    api.force_authenticate(almo_staff)
    assert api.post(reverse("api:return-accept", args=[return_record.pk])).status_code == 403


def test_the_service_rules_come_back_with_field_names(api, plan, almo_staff):
    api.force_authenticate(almo_staff)
    response = api.post(RETURNS, {"plan": plan.pk, "year": 2031, "quarter": 5})
    assert response.status_code == 400
    assert response.json() == {"quarter": ["Choose a quarter from 1 to 4."]}
    assert api.post(RETURNS, {"plan": plan.pk, "year": 2025, "quarter": 1}).status_code == 201
    again = api.post(RETURNS, {"plan": plan.pk, "year": 2025, "quarter": 1})
    assert again.status_code == 400
    assert again.json() == {"non_field_errors": ["There is already a return for this plan and quarter."]}


def test_a_submission_missing_commentary_is_refused_with_each_problem(api, plan, almo_staff):
    return_record = services.return_open(actor=almo_staff, plan=plan, year=2025, quarter=1)
    fill(return_record, almo_staff, rp02=("400", "500"))
    api.force_authenticate(almo_staff)
    response = api.post(reverse("api:return-submit", args=[return_record.pk]))
    assert response.status_code == 400
    assert response.json()["non_field_errors"][0].startswith("RP02(1) is red: add what happened")


def test_query_answer_resubmit_and_accept(api, plan, almo_staff, council_officer):
    return_record = services.return_open(actor=almo_staff, plan=plan, year=2025, quarter=1)
    fill(return_record, almo_staff, commentary=COMMENTARY)
    services.return_submit(actor=almo_staff, return_record=return_record)
    line = return_record.actuals.get(plan_indicator__indicator__code="BV212")

    api.force_authenticate(council_officer)
    asked = api.post(reverse("api:query-list"), {"actual": line.pk, "text": "Why did re-lets slow down?"})
    assert asked.status_code == 201, asked.content
    query_id = asked.json()["id"]
    assert asked.json()["messages"][0]["author"] == council_officer.get_full_name()
    assert api.post(reverse("api:return-accept", args=[return_record.pk])).status_code == 400  # still open

    api.force_authenticate(almo_staff)
    assert api.post(reverse("api:query-list"), {"actual": line.pk, "text": "Me too"}).status_code == 403
    answered = api.post(reverse("api:query-answer", args=[query_id]), {"text": "Rewires on four homes."})
    assert answered.status_code == 200 and answered.json()["status"] == Query.Status.ANSWERED
    resubmitted = api.post(reverse("api:return-submit", args=[return_record.pk]))
    assert resubmitted.json()["status"] == Return.Status.RESUBMITTED

    api.force_authenticate(council_officer)
    accepted = api.post(reverse("api:return-accept", args=[return_record.pk]))
    assert accepted.status_code == 200 and accepted.json()["status"] == Return.Status.ACCEPTED


def test_an_amendment_proposed_by_one_party_is_agreed_by_the_other(api, plan, almo_staff, council_officer):
    target = plan.plan_indicators.get(indicator__code="BV212").targets.get(year=2026, quarter=1)
    api.force_authenticate(almo_staff)
    proposed = api.post(
        reverse("api:amendment-list"),
        {
            "plan": plan.pk,
            "kind": "target",
            "reason": "The new contract starts late.",
            "target": target.pk,
            "new_value": "30",
        },
    )
    assert proposed.status_code == 201, proposed.content
    amendment_id = proposed.json()["id"]
    own = api.post(reverse("api:amendment-agree", args=[amendment_id]), {})
    assert own.status_code == 400
    assert "the other party must decide it" in own.json()["non_field_errors"][0]

    api.force_authenticate(council_officer)
    assert api.post(reverse("api:amendment-decline", args=[amendment_id]), {}).json() == {
        "reason": ["Explain why you decline the amendment."]
    }
    agreed = api.post(reverse("api:amendment-agree", args=[amendment_id]), {"reason": "Agreed at liaison."})
    assert agreed.status_code == 200 and agreed.json()["status"] == Amendment.Status.AGREED
    target.refresh_from_db()
    assert target.value == Decimal("30")
    plan.refresh_from_db()
    assert plan.version == 2


def test_a_concern_is_raised_and_closed_by_an_agreed_recovery(api, plan, almo_staff, council_officer):
    api.force_authenticate(council_officer)
    raised = api.post(
        reverse("api:concern-list"),
        {"plan": plan.pk, "title": "Re-lets too slow", "description": "Three quarters red.", "about_party": "almo"},
    )
    assert raised.status_code == 201, raised.content
    concern_id = raised.json()["id"]
    api.force_authenticate(almo_staff)
    proposed = api.post(
        reverse("api:concern-propose-recovery", args=[concern_id]), {"recovery_action": "Void team doubled."}
    )
    assert proposed.json()["status"] == Concern.Status.RECOVERY_PROPOSED
    assert api.post(reverse("api:concern-agree-recovery", args=[concern_id])).status_code == 400
    api.force_authenticate(council_officer)
    closed = api.post(reverse("api:concern-agree-recovery", args=[concern_id]))
    assert closed.status_code == 200 and closed.json()["status"] == Concern.Status.CLOSED


def test_variances_are_the_red_and_amber_lines(api, plan, almo_staff):
    return_record = services.return_open(actor=almo_staff, plan=plan, year=2025, quarter=1)
    fill(return_record, almo_staff, rp02=("400", "500"), commentary=COMMENTARY)
    api.force_authenticate(almo_staff)
    rows = api.get(reverse("api:actual-list"), {"rag": ["red", "amber"], "period": "2025/26-Q1"}).json()["results"]
    assert [(row["indicator_code"], row["rag"], row["why"]) for row in rows] == [("RP02(1)", "red", COMMENTARY["why"])]
