"""Drafting a delivery plan and keeping local indicators, driven through the pages as people use them."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from delivery_plans.library import load_library
from delivery_plans.models import (
    Delegation,
    DeliveryPlan,
    Indicator,
    Objective,
    PlanIndicator,
    Target,
)
from delivery_plans.services import drafting
from tests.access import ScopedPageChecks, _write_forms

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(db):
    load_library(Indicator)  # a transactional test database starts with the migration's rows flushed
    return {indicator.code: indicator for indicator in Indicator.objects.library()}


@pytest.fixture
def draft(almo, council_officer, library):
    """A draft plan for `almo` over 2025/26 and 2026/27, with one objective and nothing else."""
    plan = drafting.plan_create(
        actor=council_officer, almo=almo, title="Delivery plan 2025 to 2027", first_year=2025, last_year=2026
    )
    drafting.objective_create(actor=council_officer, plan=plan, title="Repairs done right first time")
    return plan


@pytest.fixture
def other_draft(other_almo, other_council_officer, library):
    plan = drafting.plan_create(
        actor=other_council_officer, almo=other_almo, title="Southdale plan", first_year=2025, last_year=2026
    )
    drafting.objective_create(actor=other_council_officer, plan=plan, title="Southdale objective")
    return plan


def url(name, *args):
    return reverse(f"delivery_plans:{name}", args=args)


def error_summary(response) -> str:
    """The error summary's text: the test fails if the page has none."""
    page = response.content.decode()
    assert 'class="govuk-error-summary"' in page, "the page has no error summary"
    return page.split('class="govuk-error-summary"', 1)[1].split("</ul>", 1)[0]


def add_indicator(client, plan, code, objective=None):
    objective = objective or plan.objectives.first()
    indicator = Indicator.objects.get(council=None, code=code)
    return client.post(url("plan_indicator_add", plan.pk), {"indicator": indicator.pk, "objective": objective.pk})


def cell(plan_indicator, quarter, field="value"):
    return f"target-{plan_indicator.pk}-{quarter}-{field}"


def grid(plan, year, figures):
    """POST data for a year's grid: every cell the page shows, empty unless `figures` fills it.

    `figures` maps (indicator code, quarter) to (target, tolerance).
    """
    data = {}
    for plan_indicator in plan.plan_indicators.select_related("indicator"):
        for quarter in drafting.periods_for(plan_indicator.indicator):
            value, tolerance = figures.get((plan_indicator.indicator.code, quarter), ("", ""))
            data[cell(plan_indicator, quarter)] = value
            data[cell(plan_indicator, quarter, "tolerance")] = tolerance
    return data


# The journey -----------------------------------------------------------------------------------


def test_a_council_officer_drafts_a_plan_then_both_sign_and_it_can_no_longer_be_edited(
    client, almo, council_officer, almo_staff, library
):
    client.force_login(council_officer)
    assert url("plan_create") in client.get(url("plan_list")).content.decode()
    response = client.post(
        url("plan_create"),
        {
            "almo": almo.pk,
            "title": "Delivery plan 2025 to 2027",
            "first_year": "2025",
            "last_year": "2026",
            "red_periods_for_concern": "2",
        },
    )
    plan = DeliveryPlan.objects.get()
    assert response.url == plan.get_absolute_url()
    assert plan.status == DeliveryPlan.Status.DRAFT and plan.years == [2025, 2026]
    assert plan.history.get().history_user == council_officer
    page = client.get(plan.get_absolute_url()).content.decode()
    for name in ("objective_list", "plan_indicator_list", "delegation_list"):
        assert url(name, plan.pk) in page

    # Objectives: two added, one changed, one removed.
    for title, kind in (("Decent and safe homes", "national"), ("Empty homes let quickly", "local")):
        response = client.post(
            url("objective_create", plan.pk),
            {"title": title, "kind": kind, "description": "", "strategy_reference": "Housing Strategy 2024: Aim 1"},
        )
        assert response.status_code == 302, response
    safe, empty = plan.objectives.order_by("position")
    assert (safe.position, empty.position) == (1, 2)
    client.post(
        url("objective_edit", empty.pk),
        {"title": "Empty homes let within 28 days", "kind": "local", "position": "5", "description": "Voids."},
    )
    empty.refresh_from_db()
    assert (empty.title, empty.position, empty.description) == ("Empty homes let within 28 days", 5, "Voids.")
    assert "Are you sure you want to remove" in client.get(url("objective_remove", empty.pk)).content.decode()
    client.post(url("objective_remove", empty.pk))
    assert list(plan.objectives.values_list("title", flat=True)) == ["Decent and safe homes"]
    assert Objective.history.filter(id=empty.pk, history_type="-").get().history_user == council_officer

    # Indicators: a quarterly percentage, a quarterly count of days, and an annual survey measure.
    for code in ("RP02(1)", "BV212", "TP01"):
        assert add_indicator(client, plan, code, safe).status_code == 302
    page = client.get(url("plan_indicator_list", plan.pk)).content.decode()
    assert "RP02(1)" in page and url("targets_edit", plan.pk, 2025) in page
    rp02, bv212, tp01 = (
        PlanIndicator.objects.get(plan=plan, indicator__code=code) for code in ("RP02(1)", "BV212", "TP01")
    )

    # Targets: one accessible grid a year, with a labelled input for each target and tolerance.
    page = client.get(url("targets_edit", plan.pk, 2025)).content.decode()
    assert (
        f'<label class="govuk-label govuk-visually-hidden" for="{cell(rp02, 1)}">RP02(1) Q1 2025/26 target</label>'
        in (page)
    )
    assert "RP02(1) Q1 2025/26 tolerance" in page and "BV212 whole year 2025/26 target" in page
    assert "TP01 whole year 2025/26 target" in page and "TP01 Q1 2025/26 target" not in page
    figures = {("RP02(1)", q): ("90", "2") for q in (1, 2, 3, 4)}
    figures |= {("RP02(1)", 0): ("90", "2"), ("BV212", 1): ("30", "3"), ("BV212", 0): ("28", "3")}
    figures |= {("TP01", 0): ("82.5", "1.5")}
    response = client.post(url("targets_edit", plan.pk, 2025), grid(plan, 2025, figures))
    assert response.status_code == 302
    assert Target.objects.filter(plan_indicator__plan=plan, year=2025).count() == 8
    whole_year = Target.objects.get(plan_indicator=tp01, year=2025, quarter=Target.WHOLE_YEAR)
    assert (whole_year.value, whole_year.tolerance) == (Decimal("82.5"), Decimal("1.5"))
    assert whole_year.history.get().history_user == council_officer
    # Clearing a cell removes its target; the others stay as they were.
    figures.pop(("BV212", 1))
    client.post(url("targets_edit", plan.pk, 2025), grid(plan, 2025, figures))
    assert not Target.objects.filter(plan_indicator=bv212, year=2025, quarter=1).exists()
    assert Target.objects.filter(plan_indicator__plan=plan, year=2025).count() == 7

    # Delegations, with the limit typed as people write it.
    response = client.post(
        url("delegation_create", plan.pk),
        {"decision_area": "Disposal of homes", "decided_by": "council_cabinet", "financial_limit": "£250,000"},
    )
    assert response.status_code == 302
    delegation = Delegation.objects.get(plan=plan)
    assert delegation.financial_limit == Decimal("250000")
    client.post(
        url("delegation_edit", delegation.pk),
        {"decision_area": "Disposal of homes", "decided_by": "almo_board", "financial_limit": "", "notes": "Any."},
    )
    delegation.refresh_from_db()
    assert (delegation.decided_by, delegation.financial_limit, delegation.notes) == ("almo_board", None, "Any.")

    # Both sign; the plan is in force.
    client.post(url("plan_sign", plan.pk))
    client.force_login(almo_staff)
    client.post(url("plan_sign", plan.pk))
    plan.refresh_from_db()
    assert plan.is_in_force

    # Every editing page now refuses, and points to an amendment.
    before = (
        Objective.history.count(),
        Target.history.count(),
        Delegation.history.count(),
        PlanIndicator.history.count(),
    )
    for user in (almo_staff, council_officer):
        client.force_login(user)
        assert url("objective_list", plan.pk) not in client.get(plan.get_absolute_url()).content.decode()
        for name, args in (
            ("objective_list", [plan.pk]),
            ("plan_indicator_list", [plan.pk]),
            ("delegation_list", [plan.pk]),
            ("objective_create", [plan.pk]),
            ("targets_edit", [plan.pk, 2025]),
            ("delegation_edit", [delegation.pk]),
        ):
            page = client.get(url(name, *args)).content.decode()
            assert "This plan is in force" in page, name
            assert url("amendment_propose", plan.pk) in page and "Propose an amendment" in page, name
            assert _write_forms(page) == [], name
        refused = [
            client.post(url("objective_create", plan.pk), {"title": "Late", "kind": "local"}),
            client.post(url("objective_edit", safe.pk), {"title": "Changed", "kind": "local", "position": "1"}),
            client.post(url("objective_remove", safe.pk)),
            add_indicator(client, plan, "BV66a", safe),
            client.post(url("plan_indicator_remove", rp02.pk)),
            client.post(url("targets_edit", plan.pk, 2025), grid(plan, 2025, {("RP02(1)", 1): ("50", "1")})),
            client.post(url("delegation_create", plan.pk), {"decision_area": "Late", "decided_by": "shared"}),
            client.post(url("delegation_remove", delegation.pk)),
        ]
        assert [response.status_code for response in refused] == [409] * len(refused)
        assert "Propose an amendment" in refused[0].content.decode()
    after = (
        Objective.history.count(),
        Target.history.count(),
        Delegation.history.count(),
        PlanIndicator.history.count(),
    )
    assert after == before


def test_almo_staff_start_a_plan_for_their_own_almo_only(client, almo, sibling_almo, almo_staff, library):
    client.force_login(almo_staff)
    page = client.get(url("plan_create")).content.decode()
    assert almo.name in page and sibling_almo.name not in page
    data = {"title": "A plan", "first_year": "2025", "last_year": "2027", "red_periods_for_concern": "2"}
    response = client.post(url("plan_create"), {**data, "almo": sibling_almo.pk})
    assert response.status_code == 400
    assert "Choose one of the ALMOs" in error_summary(response)
    response = client.post(url("plan_create"), {**data, "almo": almo.pk})
    assert response.status_code == 302
    assert DeliveryPlan.objects.get().almo == almo


def test_people_who_act_for_neither_party_cannot_start_a_plan(
    client, almo, board_member, observer, other_council_officer, superuser
):
    for user in (board_member, observer):
        client.force_login(user)
        assert url("plan_create") not in client.get(url("plan_list")).content.decode()
        assert client.get(url("plan_create")).status_code == 404
        assert client.post(url("plan_create"), {"almo": almo.pk, "title": "x"}).status_code == 404
    client.force_login(other_council_officer)
    response = client.post(
        url("plan_create"),
        {"almo": almo.pk, "title": "x", "first_year": "2025", "last_year": "2025", "red_periods_for_concern": "2"},
    )
    assert response.status_code == 400 and not DeliveryPlan.objects.exists()


def test_an_empty_draft_cannot_be_signed_off(client, draft, council_officer):
    client.force_login(council_officer)
    response = client.post(url("plan_sign", draft.pk), follow=True)
    assert "Add at least one indicator to the plan before signing it off." in response.content.decode()
    draft.refresh_from_db()
    assert draft.council_signed_at is None


def test_a_change_after_one_party_signed_clears_the_sign_off(client, draft, almo_staff, council_officer):
    drafting.plan_indicator_add(
        actor=council_officer,
        plan=draft,
        indicator=Indicator.objects.get(council=None, code="RP02(1)"),
        objective=draft.objectives.get(),
    )
    client.force_login(council_officer)
    client.post(url("plan_sign", draft.pk))
    draft.refresh_from_db()
    assert draft.council_signed_at is not None
    client.force_login(almo_staff)
    assert "The council signed this draft off" in client.get(url("objective_create", draft.pk)).content.decode()
    client.post(url("objective_create", draft.pk), {"title": "Tenants shape the service", "kind": "local"})
    draft.refresh_from_db()
    assert draft.council_signed_at is None and draft.council_signed_by is None
    assert draft.status == DeliveryPlan.Status.DRAFT
    assert draft.history.first().history_user == almo_staff


def test_removing_an_objective_keeps_its_indicators(client, draft, council_officer):
    client.force_login(council_officer)
    add_indicator(client, draft, "RP02(1)")
    objective = draft.objectives.get()
    assert "Its 1 indicator stay" in client.get(url("objective_remove", objective.pk)).content.decode()
    client.post(url("objective_remove", objective.pk))
    plan_indicator = PlanIndicator.objects.get(plan=draft)
    assert plan_indicator.objective is None
    assert plan_indicator.history.first().history_user == council_officer


# Bad input -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first_year", "last_year", "field", "message"),
    [
        ("2027", "2025", "last_year", "The last year must be the same as or after the first year (2027/28)."),
        ("2025", "2030", "last_year", "A delivery plan can cover at most 5 financial years: 2025/26 to 2029/30."),
        ("25", "2026", "first_year", "Enter a financial year from 2000 to 2099."),
        ("next year", "2026", "first_year", "Enter the first financial year as 4 digits, like 2025"),
    ],
)
def test_impossible_plan_years_are_refused(client, almo, council_officer, first_year, last_year, field, message):
    client.force_login(council_officer)
    response = client.post(
        url("plan_create"),
        {
            "almo": almo.pk,
            "title": "A plan",
            "first_year": first_year,
            "last_year": last_year,
            "red_periods_for_concern": "2",
        },
    )
    assert response.status_code == 400
    summary = error_summary(response)
    assert f'<a href="#id_{field}">{message}</a>' in summary
    assert not DeliveryPlan.objects.exists()


def test_an_indicator_is_added_to_a_plan_once(client, draft, council_officer):
    client.force_login(council_officer)
    add_indicator(client, draft, "RP02(1)")
    before = PlanIndicator.history.count()
    response = add_indicator(client, draft, "RP02(1)")
    assert response.status_code == 400
    assert '<a href="#id_indicator">The plan already monitors this indicator.</a>' in error_summary(response)
    assert PlanIndicator.objects.filter(plan=draft).count() == 1 and PlanIndicator.history.count() == before


def test_another_councils_local_indicator_cannot_be_added(client, draft, council_officer, other_almo):
    elsewhere = Indicator.objects.create(
        council=other_almo.council, code="SD-L01", name="Southdale", definition="d", unit="count", polarity="lower"
    )
    client.force_login(council_officer)
    objective = draft.objectives.get()
    response = client.post(url("plan_indicator_add", draft.pk), {"indicator": elsewhere.pk, "objective": objective.pk})
    assert response.status_code == 400
    assert "Choose one of the indicators listed" in error_summary(response)
    assert not PlanIndicator.objects.exists()


@pytest.mark.parametrize(
    ("code", "quarter", "value", "tolerance", "message"),
    [
        ("RP02(1)", 1, "90", "-1", "RP02(1) Q1 2025/26 tolerance: A tolerance cannot be negative."),
        ("RP02(1)", 2, "ninety", "1", "RP02(1) Q2 2025/26 target: Enter a number, like 95.5."),
        ("RP02(1)", 0, "140", "1", "RP02(1) whole year 2025/26 target: A percentage target must be between 0 and 100."),
        ("BV212", 3, "-2", "1", "BV212 Q3 2025/26 target: A target in days cannot be negative."),
        ("BV212", 4, "", "2", "BV212 Q4 2025/26 tolerance: Enter the target the tolerance applies to"),
        (
            "RP02(1)",
            1,
            "90.12345",
            "1",
            "RP02(1) Q1 2025/26 target: Enter a number with no more than 4 decimal places.",
        ),
    ],
)
def test_impossible_targets_are_refused_and_nothing_is_saved(
    client, draft, council_officer, code, quarter, value, tolerance, message
):
    client.force_login(council_officer)
    for indicator_code in ("RP02(1)", "BV212"):
        add_indicator(client, draft, indicator_code)
    client.post(url("targets_edit", draft.pk, 2025), grid(draft, 2025, {("BV212", 0): ("28", "3")}))
    before = list(Target.history.values_list("history_id", flat=True))
    figures = {("RP02(1)", 3): ("91", "2"), ("BV212", 0): ("26", "3"), (code, quarter): (value, tolerance)}
    response = client.post(url("targets_edit", draft.pk, 2025), grid(draft, 2025, figures))
    assert response.status_code == 400
    summary = error_summary(response)
    assert message in summary and "Nothing has been saved" in summary
    plan_indicator = PlanIndicator.objects.get(plan=draft, indicator__code=code)
    field = "tolerance" if "tolerance:" in message else "value"
    assert f'href="#{cell(plan_indicator, quarter, field)}"' in summary
    assert list(Target.history.values_list("history_id", flat=True)) == before
    assert Target.objects.get(plan_indicator__plan=draft).value == Decimal("28")
    # What was typed stays in the grid to correct.
    assert f'value="{value}"' in response.content.decode()


def test_an_annual_indicator_takes_a_whole_year_target_only(draft, council_officer, library):
    plan_indicator = drafting.plan_indicator_add(
        actor=council_officer, plan=draft, indicator=library["TP01"], objective=draft.objectives.get()
    )
    errors = drafting.targets_set(
        actor=council_officer, plan=draft, year=2025, cells={(plan_indicator.pk, 1): {"value": "80", "tolerance": ""}}
    )
    assert errors == [
        drafting.TargetError(
            plan_indicator.pk, 1, "value", "TP01 is reported once a year: set the whole-year target only."
        )
    ]


@pytest.mark.parametrize(
    ("limit", "message"),
    [
        ("-5000", "The financial limit cannot be negative."),
        ("lots", "Enter the financial limit in pounds, like 250,000"),
        ("12.345", "Enter the financial limit in pounds, like 250,000"),
    ],
)
def test_impossible_delegation_limits_are_refused(client, draft, council_officer, limit, message):
    client.force_login(council_officer)
    response = client.post(
        url("delegation_create", draft.pk),
        {"decision_area": "Disposals", "decided_by": "almo_board", "financial_limit": limit},
    )
    assert response.status_code == 400
    assert f'<a href="#id_financial_limit">{message}</a>' in error_summary(response)
    assert not Delegation.objects.exists()


# Access ----------------------------------------------------------------------------------------


class TestObjectivesPage(ScopedPageChecks):
    @pytest.fixture
    def record(self, draft):
        return draft.objectives.get()

    @pytest.fixture
    def other_record(self, other_draft):
        return other_draft.objectives.get()

    def detail_url(self, record):
        return url("objective_list", record.plan_id)

    def write_request(self, record):
        return url("objective_edit", record.pk), {"title": "Changed", "kind": "local", "position": "1"}


class TestIndicatorsAndTargetsPage(ScopedPageChecks):
    @pytest.fixture
    def record(self, draft, council_officer, library):
        return drafting.plan_indicator_add(
            actor=council_officer, plan=draft, indicator=library["RP02(1)"], objective=draft.objectives.get()
        )

    @pytest.fixture
    def other_record(self, other_draft):
        return None

    def detail_url(self, record):
        return url("plan_indicator_list", record.plan_id)

    def write_request(self, record):
        return url("plan_indicator_remove", record.pk), {}


class TestDelegationsPage(ScopedPageChecks):
    @pytest.fixture
    def record(self, draft, council_officer):
        return drafting.delegation_create(
            actor=council_officer, plan=draft, decision_area="Disposal of homes", decided_by="council_cabinet"
        )

    @pytest.fixture
    def other_record(self):
        return None

    def detail_url(self, record):
        return url("delegation_list", record.plan_id)

    def write_request(self, record):
        return url("delegation_edit", record.pk), {"decision_area": "Changed", "decided_by": "shared"}


def test_only_the_two_parties_reach_the_editing_pages(
    client, draft, almo_staff, council_officer, sibling_staff, other_council_officer, board_member, observer
):
    objective = draft.objectives.get()
    pages = [
        url("objective_create", draft.pk),
        url("objective_edit", objective.pk),
        url("objective_remove", objective.pk),
        url("targets_edit", draft.pk, 2025),
        url("delegation_create", draft.pk),
    ]
    for user in (almo_staff, council_officer):
        client.force_login(user)
        assert [client.get(page).status_code for page in pages] == [200] * len(pages), user.username
    for user in (sibling_staff, other_council_officer, board_member, observer):
        client.force_login(user)
        assert [client.get(page).status_code for page in pages] == [404] * len(pages), user.username
        response = client.post(url("objective_create", draft.pk), {"title": "Sneaked in", "kind": "local"})
        assert response.status_code == 404
    assert draft.objectives.count() == 1


def test_a_year_outside_the_plan_is_not_found(client, draft, council_officer):
    client.force_login(council_officer)
    assert client.get(url("targets_edit", draft.pk, 2027)).status_code == 404


def test_the_targets_grid_costs_the_same_queries_for_3_and_12_indicators(client, draft, council_officer, library):
    client.force_login(council_officer)
    objective = draft.objectives.get()
    codes = ["RP02(1)", "RP02(2)", "BV212", "TP01", "TP02", "TP03", "BS01", "BS02", "BS03", "BS04", "BS05", "BV66a"]
    counts = []
    for wanted in (3, 12):
        for code in codes[:wanted]:
            plan_indicator, created = PlanIndicator.objects.get_or_create(
                plan=draft, indicator=library[code], defaults={"objective": objective}
            )
            for quarter in drafting.periods_for(plan_indicator.indicator):
                Target.objects.get_or_create(
                    plan_indicator=plan_indicator, year=2025, quarter=quarter, defaults={"value": 50, "tolerance": 1}
                )
        client.get(url("targets_edit", draft.pk, 2025))  # settle the session
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url("targets_edit", draft.pk, 2025))
        assert response.status_code == 200
        assert response.content.decode().count('class="govuk-input govuk-input--width-4') > wanted
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


# Local indicators ------------------------------------------------------------------------------

LOCAL = {
    "code": "NM-L01",
    "name": "Homes re-let within 28 days",
    "definition": "Homes re-let within 28 days of the last tenancy ending, as a share of homes re-let.",
    "group": "Empty homes and lettings",
    "unit": "percentage",
    "polarity": "higher",
    "numerator_definition": "Homes re-let within 28 days",
    "denominator_definition": "Homes re-let",
    "multiplier": "100",
    "decimal_places": "1",
    "reporting_level": "",
    "frequency": "quarterly",
}


@pytest.fixture
def local_indicator(council, council_officer):
    values = {**LOCAL, "multiplier": 100, "decimal_places": 1}
    return drafting.indicator_create(actor=council_officer, council=council, **values)


def test_a_council_officer_adds_and_changes_a_local_indicator(client, council, council_officer, library):
    client.force_login(council_officer)
    assert url("indicator_create") in client.get(url("indicator_list")).content.decode()
    response = client.post(url("indicator_create"), {**LOCAL, "council": council.pk})
    indicator = Indicator.objects.get(council=council, code="NM-L01")
    assert response.url == url("indicator_detail", indicator.pk)
    assert indicator.source == Indicator.Source.LOCAL and indicator.multiplier == 100
    assert indicator.history.get().history_user == council_officer
    page = client.get(url("indicator_detail", indicator.pk)).content.decode()
    assert "Homes re-let within 28 days" in page and "Numerator ÷ denominator × 100" in page
    assert url("indicator_edit", indicator.pk) in page

    response = client.post(
        url("indicator_edit", indicator.pk), {**LOCAL, "name": "Empty homes re-let within 28 days", "is_active": "on"}
    )
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert indicator.name == "Empty homes re-let within 28 days" and indicator.is_active

    # The same code twice in one council, or a library code, is refused on the code itself.
    for code, message in (
        ("NM-L01", "This council already has an indicator with this code."),
        ("TP01", "The library already has an indicator with this code. Choose another code."),
    ):
        response = client.post(url("indicator_create"), {**LOCAL, "code": code, "council": council.pk})
        assert response.status_code == 400
        assert f'<a href="#id_code">{message}</a>' in error_summary(response)
    response = client.post(
        url("indicator_create"), {**LOCAL, "code": "NM-L02", "council": council.pk, "denominator_definition": ""}
    )
    assert '<a href="#id_denominator_definition">An indicator with a numerator needs a denominator.</a>' in (
        error_summary(response)
    )
    assert Indicator.objects.filter(council=council).count() == 1


def test_a_local_indicator_in_a_signed_plan_keeps_its_meaning(
    client, draft, local_indicator, council_officer, almo_staff
):
    drafting.plan_indicator_add(
        actor=council_officer, plan=draft, indicator=local_indicator, objective=draft.objectives.get()
    )
    for user in (council_officer, almo_staff):
        client.force_login(user)
        client.post(url("plan_sign", draft.pk))
    client.force_login(council_officer)
    response = client.post(url("indicator_edit", local_indicator.pk), {**LOCAL, "unit": "count", "is_active": "on"})
    assert response.status_code == 400
    assert "A signed-off delivery plan uses this indicator, so this cannot change." in error_summary(response)
    response = client.post(url("indicator_edit", local_indicator.pk), {**LOCAL, "name": "Re-lets", "is_active": "on"})
    assert response.status_code == 302
    local_indicator.refresh_from_db()
    assert (local_indicator.unit, local_indicator.name) == ("percentage", "Re-lets")


def test_only_the_councils_officers_add_or_change_its_local_indicators(
    client, local_indicator, library, almo_staff, board_member, other_council_officer, council_officer
):
    before = local_indicator.history.count()
    for user in (almo_staff, board_member, other_council_officer):
        client.force_login(user)
        assert client.get(url("indicator_edit", local_indicator.pk)).status_code == 404, user.username
        assert client.post(url("indicator_edit", local_indicator.pk), {**LOCAL, "name": "x"}).status_code == 404
        if user is not other_council_officer:
            assert url("indicator_create") not in client.get(url("indicator_list")).content.decode()
            assert client.get(url("indicator_create")).status_code == 404, user.username
    # Another council's officer adds to their own council only.
    client.force_login(other_council_officer)
    client.post(url("indicator_create"), {**LOCAL, "council": local_indicator.council_id})
    assert Indicator.objects.filter(code="NM-L01").count() == 1
    assert local_indicator.history.count() == before
    # The shipped library is read-only in the portal, for everyone.
    client.force_login(council_officer)
    assert client.get(url("indicator_edit", library["TP01"].pk)).status_code == 404
    page = client.get(url("indicator_detail", library["TP01"].pk)).content.decode()
    assert "It can be changed only by an administrator." in page


def test_the_library_filters_by_source_and_search(client, local_indicator, almo_staff, other_almo, library):
    Indicator.objects.create(
        council=other_almo.council, code="SD-L01", name="Southdale", definition="d", unit="count", polarity="lower"
    )
    client.force_login(almo_staff)
    page = client.get(url("indicator_list")).content.decode()
    assert "NM-L01" in page and "TP01" in page and "BV212" in page and "SD-L01" not in page
    page = client.get(url("indicator_list"), {"source": "tsm"}).content.decode()
    assert "TP01" in page and "BV212" not in page and "NM-L01" not in page
    response = client.get(url("indicator_list"), {"q": "re-let"})
    assert local_indicator in response.context["indicators"] and library["TP01"] not in response.context["indicators"]
    page = client.get(url("indicator_detail", library["RP02(1)"].pk)).content.decode()
    for text in ("Percentage", "Higher is better", "Quarterly", "Low-cost rental accommodation (LCRA)"):
        assert text in page


class TestLocalIndicatorPage(ScopedPageChecks):
    list_url = reverse("delivery_plans:indicator_list")

    @pytest.fixture
    def record(self, local_indicator):
        return local_indicator

    @pytest.fixture
    def other_record(self, other_almo, other_council_officer):
        values = {**LOCAL, "code": "SD-L01", "multiplier": 100, "decimal_places": 1}
        return drafting.indicator_create(actor=other_council_officer, council=other_almo.council, **values)

    def detail_url(self, record):
        return url("indicator_detail", record.pk)

    def row_text(self, record):
        return record.code

    def write_request(self, record):
        return url("indicator_edit", record.pk), {**LOCAL, "name": "Changed"}

    def test_user_of_another_almo_gets_404(self, client, record, sibling_staff, other_staff, other_council_officer):
        # A council's local indicators are shared with all its ALMOs, so a sibling ALMO's staff may read them.
        client.force_login(sibling_staff)
        assert client.get(self.detail_url(record)).status_code == 200
        for user in (other_staff, other_council_officer):
            client.force_login(user)
            assert client.get(self.detail_url(record)).status_code == 404, user.username


# Admin -----------------------------------------------------------------------------------------


def test_the_admin_edits_indicators_and_shows_the_workflow_records(client, superuser, library):
    client.force_login(superuser)
    indicator = library["TP01"]
    for model in ("indicator", "deliveryplan", "return", "amendment", "concern"):
        assert client.get(reverse(f"admin:delivery_plans_{model}_changelist")).status_code == 200, model
    assert client.get(reverse("admin:delivery_plans_indicator_change", args=[indicator.pk])).status_code == 200
    assert client.get(reverse("admin:delivery_plans_deliveryplan_add")).status_code == 403
    response = client.get(reverse("admin:delivery_plans_indicator_changelist"), {"q": "TP01", "source__exact": "tsm"})
    assert response.context["cl"].result_count == 1


def test_the_services_recheck_who_acts(draft, board_member, observer, sibling_staff, superuser):
    from django.http import Http404

    objective = draft.objectives.get()
    for user in (board_member, observer, sibling_staff):
        with pytest.raises(Http404):
            drafting.objective_update(actor=user, objective=objective, title="x", kind="local")
        with pytest.raises(Http404):
            drafting.delegation_create(actor=user, plan=draft, decision_area="x", decided_by="shared")
    # An administrator sees everything but acts for neither party (they use the admin): not theirs to change.
    with pytest.raises(Http404):
        drafting.objective_create(actor=superuser, plan=draft, title="x")
    assert draft.objectives.count() == 1
