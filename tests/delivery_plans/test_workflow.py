"""Return, query and amendment state machines, driven through the pages as people use them."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse

from delivery_plans import services
from delivery_plans.models import Actual, Amendment, Concern, DeliveryPlan, PlanVersion, Return, Target
from organisations.access import Party
from tests.access import ScopedPageChecks
from tests.plans import COMMENTARY, fill

pytestmark = pytest.mark.django_db


def field(actual, name):
    return f"actual-{actual.pk}-{name}"


def post_figures(client, return_record, rp02=("450", "500"), bv212=("2500", "100"), commentary=None, submit=False):
    figures = {"RP02(1)": rp02, "BV212": bv212}
    data = {}
    for actual in return_record.actuals.select_related("plan_indicator__indicator"):
        numerator, denominator = figures[actual.plan_indicator.indicator.code]
        data[field(actual, "numerator")], data[field(actual, "denominator")] = numerator, denominator
        for name, value in (commentary or {}).items():
            data[field(actual, name)] = str(value)
    if not submit:
        return client.post(reverse("delivery_plans:return_edit", args=[return_record.pk]), data)
    # Submitting is two steps: save and continue to the check page, then submit from there.
    data["continue"] = "1"
    saved = client.post(reverse("delivery_plans:return_edit", args=[return_record.pk]), data)
    assert saved.status_code == 302, saved
    return client.post(reverse("delivery_plans:return_check", args=[return_record.pk]))


def start_return(client, plan, year=2025, quarter=1):
    response = client.post(reverse("delivery_plans:return_start", args=[plan.pk]), {"year": year, "quarter": quarter})
    assert response.status_code == 302, response
    return Return.objects.get(plan=plan, year=year, quarter=quarter)


def test_the_whole_quarter_journey(client, plan, almo_staff, council_officer):
    # The ALMO fills in a quarter; RP02(1) is red (80% against 90 ± 2), so commentary is needed to submit.
    client.force_login(almo_staff)
    return_record = start_return(client, plan)
    response = post_figures(client, return_record, rp02=("400", "500"), submit=True)
    assert response.status_code == 400
    assert "RP02(1) is red: add what happened, why it happened, recovery action, expected back on target" in (
        response.content.decode()
    )
    return_record.refresh_from_db()
    assert return_record.status == Return.Status.DRAFT
    rp02 = Actual.objects.get(return_record=return_record, plan_indicator__indicator__code="RP02(1)")
    # The value is worked out from numerator and denominator, never typed.
    assert rp02.value == Decimal("80.0") and rp02.rag == "red"

    response = post_figures(client, return_record, rp02=("400", "500"), commentary=COMMENTARY, submit=True)
    assert response.status_code == 302
    return_record.refresh_from_db()
    assert return_record.status == Return.Status.SUBMITTED

    # The council queries one indicator; the return goes back to the ALMO.
    client.force_login(council_officer)
    assert return_record in client.get(reverse("delivery_plans:review_queue")).context["returns"]
    client.post(reverse("delivery_plans:actual_query", args=[rp02.pk]), {"text": "Which contractor crews?"})
    return_record.refresh_from_db()
    assert return_record.status == Return.Status.QUERIED
    response = client.post(reverse("delivery_plans:return_accept", args=[return_record.pk]), follow=True)
    assert "Only a submitted return can be accepted" in response.content.decode()

    # The ALMO answers and resubmits.
    client.force_login(almo_staff)
    query = rp02.queries.get()
    client.post(reverse("delivery_plans:query_answer", args=[query.pk]), {"text": "The north patch crews."})
    client.post(reverse("delivery_plans:return_check", args=[return_record.pk]))
    return_record.refresh_from_db()
    assert return_record.status == Return.Status.RESUBMITTED

    # The council accepts; the return is locked.
    client.force_login(council_officer)
    client.post(reverse("delivery_plans:return_accept", args=[return_record.pk]))
    return_record.refresh_from_db()
    assert return_record.status == Return.Status.ACCEPTED and return_record.is_locked
    page = client.get(return_record.get_absolute_url()).content.decode()
    assert "Which contractor crews?" in page and "The north patch crews." in page

    client.force_login(almo_staff)
    response = post_figures(client, return_record, rp02=("500", "500"))
    assert response.status_code == 302
    rp02.refresh_from_db()
    assert rp02.value == Decimal("80.0")
    with pytest.raises(ValidationError, match="accepted; it cannot be changed"):
        fill(return_record, almo_staff)


@pytest.mark.parametrize(
    ("rp02", "bv212", "message"),
    [
        (
            ("700", "500"),
            ("2500", "100"),
            "The numerator (700) cannot be more than the denominator (500) for a percentage.",
        ),
        (("400", "0"), ("2500", "100"), "The denominator must be more than zero."),
        (("-1", "500"), ("2500", "100"), "The numerator cannot be negative."),
        (("abc", "500"), ("2500", "100"), "Enter a number, like 95.5."),
        (("450", "500"), ("2500", "0"), "The denominator must be more than zero."),
        (("450", ""), ("2500", "100"), "Enter the denominator"),
    ],
)
def test_impossible_figures_are_refused_and_nothing_is_saved(client, plan, almo_staff, rp02, bv212, message):
    client.force_login(almo_staff)
    return_record = start_return(client, plan)
    before = list(Actual.history.values_list("history_id", flat=True))
    response = post_figures(client, return_record, rp02=rp02, bv212=bv212)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert list(Actual.history.values_list("history_id", flat=True)) == before
    assert not Actual.objects.filter(return_record=return_record, value__isnull=False).exists()


@pytest.mark.parametrize(
    ("unit", "value", "message"),
    [
        ("percentage", "140", "A percentage must be between 0 and 100; 140 is not."),
        ("count", "-3", "Count cannot be negative."),
        ("count", "2.5", "A count must be a whole number."),
        ("days", "-1", "Days cannot be negative."),
        ("yes_no", "2", "Enter 1 for yes or 0 for no."),
        ("percentage", "9\x005", "Enter a number without hidden characters."),
        ("percentage", "NaN", "Enter a number, like 95.5."),
    ],
)
def test_impossible_typed_values_are_refused(council, unit, value, message):
    from delivery_plans.models import Indicator

    local = Indicator.objects.create(
        council=council, code="L1", name="Local", definition="A local measure.", unit=unit, polarity="higher"
    )
    assert services.clean_figures(local, None, None, value) == ({}, {"value": message})


def test_a_typed_value_is_refused_where_it_can_be_worked_out(plan):
    from delivery_plans.models import Indicator

    figures, errors = services.clean_figures(Indicator.objects.get(code="RP02(1)", council=None), None, None, "95")
    assert errors == {"value": "RP02(1) is worked out from its numerator and denominator: enter those instead."}


def test_only_the_almo_enters_figures_and_only_the_council_accepts(
    client, plan, almo_staff, council_officer, board_member
):
    return_record = services.return_open(actor=almo_staff, plan=plan, year=2025, quarter=1)
    fill(return_record, almo_staff)
    for user in (council_officer, board_member):
        client.force_login(user)
        assert client.get(reverse("delivery_plans:return_edit", args=[return_record.pk])).status_code == 404
        with pytest.raises(Http404):
            fill(return_record, user)
    services.return_submit(actor=almo_staff, return_record=return_record)
    for user in (almo_staff, board_member):
        client.force_login(user)
        assert client.post(reverse("delivery_plans:return_accept", args=[return_record.pk])).status_code == 404
    return_record.refresh_from_db()
    assert return_record.status == Return.Status.SUBMITTED


def test_two_red_quarters_in_a_row_open_a_concern_both_parties_see(client, plan, almo_staff, council_officer):
    for quarter in (1, 2):
        return_record = services.return_open(actor=almo_staff, plan=plan, year=2025, quarter=quarter)
        fill(return_record, almo_staff, rp02=("400", "500"), commentary=COMMENTARY)
        services.return_submit(actor=almo_staff, return_record=return_record)
        services.return_accept(actor=council_officer, return_record=return_record)
        assert Concern.objects.filter(plan=plan).count() == (quarter - 1)
    concern = Concern.objects.get(plan=plan)
    assert concern.title == "RP02(1) red for 2 quarters in a row" and concern.raised_by is None
    for user in (almo_staff, council_officer):
        client.force_login(user)
        assert concern.title in client.get(reverse("delivery_plans:concern_list")).content.decode()
    # Closed by an agreed recovery action: proposed by one party, agreed by the other.
    client.force_login(almo_staff)
    client.post(concern.get_absolute_url(), {"recovery_action": "Recruit two more operatives by March."})
    response = client.post(concern.get_absolute_url(), {"agree": "1"}, follow=True)
    assert "The other party must agree the recovery action." in response.content.decode()
    client.force_login(council_officer)
    client.post(concern.get_absolute_url(), {"agree": "1"})
    concern.refresh_from_db()
    assert concern.status == Concern.Status.CLOSED and concern.recovery_agreed_by == council_officer


def test_the_almo_can_raise_a_concern_about_the_council(client, plan, almo_staff):
    client.force_login(almo_staff)
    response = client.post(
        reverse("delivery_plans:concern_raise", args=[plan.pk]),
        {"about_party": "council", "title": "Late decisions on disposals", "description": "Three waited over 60 days."},
    )
    concern = Concern.objects.get()
    assert response.url == concern.get_absolute_url()
    assert (concern.about_party, concern.raised_by_party) == (Party.COUNCIL, Party.ALMO)


def test_an_amendment_proposed_by_the_council_and_agreed_by_the_almo_makes_a_new_version(
    client, plan, almo_staff, council_officer
):
    target = Target.objects.get(plan_indicator__indicator__code="BV212", year=2026, quarter=1)
    client.force_login(council_officer)
    response = client.post(
        reverse("delivery_plans:amendment_propose", args=[plan.pk]),
        {"kind": "target", "target": target.pk, "new_value": "26", "reason": "Void works contract now in place."},
    )
    amendment = Amendment.objects.get()
    assert response.url == amendment.get_absolute_url()
    target.refresh_from_db()
    assert target.value == Decimal("28"), "the plan must not change before the other party agrees"

    # The party that proposed cannot agree its own amendment.
    response = client.post(amendment.get_absolute_url(), {"agree": "1", "reason": ""})
    assert "so the other party must decide it" in response.content.decode()
    amendment.refresh_from_db()
    assert amendment.status == Amendment.Status.PROPOSED

    client.force_login(almo_staff)
    client.post(amendment.get_absolute_url(), {"agree": "1", "reason": "Agreed at the liaison meeting."})
    amendment.refresh_from_db()
    target.refresh_from_db()
    plan.refresh_from_db()
    assert amendment.status == Amendment.Status.AGREED and amendment.decided_by == almo_staff
    assert target.value == Decimal("26") and plan.version == 2
    version = PlanVersion.objects.get(plan=plan, number=2)
    assert version.changes == [{"field": f"Target: {target}", "old": "28", "new": "26"}]
    page = client.get(reverse("delivery_plans:plan_versions", args=[plan.pk])).content.decode()
    assert "Void works contract now in place." in page and "Agreed at the liaison meeting." in page


def test_declining_needs_reasons_and_leaves_the_plan_alone(client, plan, almo_staff, council_officer):
    target = Target.objects.get(plan_indicator__indicator__code="RP02(1)", year=2025, quarter=4)
    amendment = services.amendment_propose(
        actor=almo_staff, plan=plan, kind="target", reason="Too hard.", target=target, new_value=Decimal("80")
    )
    client.force_login(council_officer)
    response = client.post(amendment.get_absolute_url(), {"decline": "1", "reason": ""})
    assert "Explain why you decline the amendment." in response.content.decode()
    client.post(amendment.get_absolute_url(), {"decline": "1", "reason": "The target stands."})
    amendment.refresh_from_db()
    target.refresh_from_db()
    assert amendment.status == Amendment.Status.DECLINED and target.value == Decimal("90")


def test_board_members_cannot_propose_or_decide(client, plan, almo_staff, board_member):
    target = Target.objects.first()
    client.force_login(board_member)
    response = client.post(
        reverse("delivery_plans:amendment_propose", args=[plan.pk]),
        {"kind": "target", "target": target.pk, "new_value": "1", "reason": "x"},
    )
    assert response.status_code == 404 and not Amendment.objects.exists()
    amendment = services.amendment_propose(
        actor=almo_staff, plan=plan, kind="tolerance", reason="Wider band.", target=target, new_value=Decimal("5")
    )
    assert client.post(amendment.get_absolute_url(), {"agree": "1"}).status_code == 404
    with pytest.raises(Http404):
        services.amendment_agree(actor=board_member, amendment=amendment)


def test_a_plan_comes_into_force_only_when_both_sign(almo, almo_staff, council_officer):
    from delivery_plans.models import Indicator, PlanIndicator

    plan = DeliveryPlan.objects.create(almo=almo, title="Next plan", first_year=2027, last_year=2029)
    PlanIndicator.objects.create(plan=plan, indicator=Indicator.objects.get(council=None, code="BV212"))
    services.plan_sign(actor=almo_staff, plan=plan)
    plan.refresh_from_db()
    assert plan.status == DeliveryPlan.Status.DRAFT
    with pytest.raises(ValidationError, match="already signed"):
        services.plan_sign(actor=almo_staff, plan=plan)
    services.plan_sign(actor=council_officer, plan=plan)
    plan.refresh_from_db()
    assert plan.is_in_force and plan.versions.get().number == 1


def test_someone_outside_both_parties_cannot_sign(almo, other_council_officer, observer):
    plan = DeliveryPlan.objects.create(almo=almo, title="Next plan", first_year=2027, last_year=2029)
    for user in (other_council_officer, observer):
        with pytest.raises((Http404, PermissionDenied)):
            services.plan_sign(actor=user, plan=plan)


class TestPlanPage(ScopedPageChecks):
    list_url = reverse("delivery_plans:plan_list")

    @pytest.fixture
    def record(self, plan):
        return plan

    @pytest.fixture
    def other_record(self, other_almo):
        return DeliveryPlan.objects.create(almo=other_almo, title="Southdale plan", first_year=2025, last_year=2026)

    def row_text(self, record):
        return record.title

    def write_request(self, record):
        return reverse("delivery_plans:concern_raise", args=[record.pk]), {
            "about_party": "almo",
            "title": "t",
            "description": "d",
        }


class TestReturnPage(ScopedPageChecks):
    @pytest.fixture
    def record(self, plan, almo_staff):
        return_record = services.return_open(actor=almo_staff, plan=plan, year=2025, quarter=1)
        fill(return_record, almo_staff, commentary=COMMENTARY)
        services.return_submit(actor=almo_staff, return_record=return_record)
        return return_record

    @pytest.fixture
    def other_record(self):
        return None

    def write_request(self, record):
        return reverse("delivery_plans:return_accept", args=[record.pk]), {}


def test_return_page_costs_the_same_queries_with_more_history(client, plan, almo_staff, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(almo_staff)
    counts = []
    for quarter in (1, 2, 3):
        return_record = services.return_open(actor=almo_staff, plan=plan, year=2025, quarter=quarter)
        fill(return_record, almo_staff, commentary=COMMENTARY)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(return_record.get_absolute_url()).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] == counts[2], counts


def test_the_home_page_shows_each_plans_latest_return_and_what_waits(client, plan, almo_staff, council_officer):
    return_record = services.return_open(actor=almo_staff, plan=plan, year=2025, quarter=1)
    fill(return_record, almo_staff, rp02=("400", "500"), commentary=COMMENTARY)
    services.return_submit(actor=almo_staff, return_record=return_record)
    client.force_login(council_officer)
    panel = next(p["context"] for p in client.get(reverse("home")).context["panels"] if "plans" in p["context"])
    assert panel["to_review"] == 1 and panel["plans"][0].latest_return is None
    services.return_accept(actor=council_officer, return_record=return_record)
    panel = next(p["context"] for p in client.get(reverse("home")).context["panels"] if "plans" in p["context"])
    latest = panel["plans"][0].latest_return
    assert (latest, latest.reds, latest.greens, panel["to_review"]) == (return_record, 1, 1, 0)


def test_the_home_page_costs_the_same_queries_for_more_plans(
    client, council, council_officer, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import AlmoFactory

    client.force_login(council_officer)
    counts = []
    for _ in range(3):
        almo = AlmoFactory(council=council)
        DeliveryPlan.objects.create(almo=almo, title="Plan", first_year=2025, last_year=2026, status="draft")
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("home"))
        counts.append(len(queries))
    assert counts[0] == counts[1] == counts[2], counts
