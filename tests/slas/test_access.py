"""Who sees and changes what, through the pages and the API: the shared checks, and flat query counts."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from organisations.access import Party, Role
from organisations.notifications import party_people
from slas import services
from slas.models import Benchmark, Dispute, StandardResult
from tests.access import ScopedPageChecks
from tests.api.access import ScopedApiChecks
from tests.factories import user_with_role
from tests.slas.conftest import make_sla, standard

pytestmark = pytest.mark.django_db
RED_DAYS = {"actual": Decimal(9), "what_happened": "Slow.", "why": "Vacancies.", "action": "Agency cover."}


def add_slas(almo, count: int) -> None:
    from slas.models import ServiceLevelAgreement

    staff = party_people(almo, Party.ALMO).first() or user_with_role(Role.ALMO_STAFF, almo)
    officer = party_people(almo, Party.COUNCIL).first() or user_with_role(Role.COUNCIL_OFFICER, almo.council)
    start = ServiceLevelAgreement.objects.filter(almo=almo).count()
    for number in range(start, start + count):
        sla = make_sla(almo, staff, officer, title=f"Service {number}")
        services.results_record(actor=staff, sla=sla, year=2026, quarter=2, rows={standard(sla, "Days").pk: RED_DAYS})
        services.benchmark_add(
            actor=staff,
            sla=sla,
            values={
                "kind": "housemark",
                "source": "HouseMark",
                "year": 2025,
                "amount": Decimal(20),
                "basis": "per_home",
            },
        )
        services.dispute_raise(actor=staff, sla=sla, title=f"Dispute {number}", description="Charge too high.")


class TestSlaPages(ScopedPageChecks):
    list_url = reverse("slas:sla_list")

    @pytest.fixture
    def record(self, sla):
        return sla

    @pytest.fixture
    def other_record(self, other_sla):
        return other_sla

    def row_text(self, record):
        return record.title

    def write_request(self, record):
        return reverse("slas:dispute_raise", args=[record.pk]), {"title": "T", "description": "D"}


class TestDisputePages(ScopedPageChecks):
    list_url = reverse("slas:dispute_list")

    @pytest.fixture
    def record(self, sla, almo_staff):
        return services.dispute_raise(actor=almo_staff, sla=sla, title="Northmoor dispute", description="Too high.")

    @pytest.fixture
    def other_record(self, other_sla, other_staff):
        return services.dispute_raise(actor=other_staff, sla=other_sla, title="Southdale dispute", description="No.")

    def row_text(self, record):
        return record.title

    def write_request(self, record):
        return record.get_absolute_url(), {"stage": "in_discussion", "note": "Talked."}


def test_an_observer_reads_the_almo_granted_and_changes_nothing(client, sla, other_sla, observer):
    client.force_login(observer)
    assert client.get(sla.get_absolute_url()).status_code == 200
    assert client.get(other_sla.get_absolute_url()).status_code == 404
    for name in ("slas:results_record", "slas:benchmark_add", "slas:dispute_raise", "slas:renegotiate", "slas:sla_end"):
        assert client.get(reverse(name, args=[sla.pk])).status_code == 404, name
    assert client.post(reverse("slas:terms_agree", args=[sla.pk])).status_code == 404
    assert client.get(reverse("slas:sla_create")).status_code == 403


def test_a_board_member_sees_no_buttons_and_cannot_record_performance(client, sla, board_member):
    client.force_login(board_member)
    page = client.get(sla.get_absolute_url()).content.decode()
    assert "Record a quarter" not in page and "Raise a dispute" not in page
    response = client.post(reverse("slas:results_record", args=[sla.pk]), {"year": 2026, "quarter": 2})
    assert response.status_code == 404
    assert not StandardResult.objects.exists()


def test_another_almos_staff_cannot_reach_this_almos_standards_or_benchmarks(client, sla, sibling_staff, almo_staff):
    benchmark = services.benchmark_add(
        actor=almo_staff,
        sla=sla,
        values={"kind": "housemark", "source": "HouseMark", "year": 2025, "amount": Decimal(20), "basis": "per_home"},
    )
    client.force_login(sibling_staff)
    assert client.post(reverse("slas:benchmark_remove", args=[benchmark.pk])).status_code == 404
    assert client.get(reverse("slas:standard_edit", args=[standard(sla, "Days").pk])).status_code == 404
    assert Benchmark.objects.filter(pk=benchmark.pk).exists()


def test_the_list_costs_the_same_queries_for_many_rows(
    client, almo, almo_staff, council_officer, django_assert_max_num_queries
):
    add_slas(almo, 2)
    client.force_login(council_officer)
    client.get(reverse("slas:sla_list"))
    with django_assert_max_num_queries(14) as few:
        client.get(reverse("slas:sla_list"))
    add_slas(almo, 8)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("slas:sla_list"))
    assert response.content.decode().count('<th scope="row" class="govuk-table__header"><a class="govuk-link"') == 10


def test_the_home_panel_costs_the_same_queries_for_many_rows(
    client, almo, council_officer, django_assert_max_num_queries
):
    add_slas(almo, 2)
    client.force_login(council_officer)
    client.get(reverse("home"))
    with django_assert_max_num_queries(60) as few:
        client.get(reverse("home"))
    add_slas(almo, 8)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(reverse("home")).content.decode()
    assert "Central services bought from the council" in page


# The API ---------------------------------------------------------------------------------------


class TestSlaApi(ScopedApiChecks):
    basename = "slas-sla"

    @pytest.fixture
    def record(self, sla):
        return sla

    @pytest.fixture
    def other_record(self, other_sla):
        return other_sla

    def add_rows(self, almo, count):
        add_slas(almo, count)

    def write_request(self, record):
        return reverse("api:slas-sla-agree", args=[record.pk]), {}


class TestResultApi(ScopedApiChecks):
    basename = "slas-result"

    @pytest.fixture
    def record(self, sla, almo_staff):
        rows = {standard(sla, "Days").pk: {"actual": Decimal(4)}}
        return services.results_record(actor=almo_staff, sla=sla, year=2026, quarter=2, rows=rows)[0]

    @pytest.fixture
    def other_record(self, other_sla, other_staff):
        rows = {standard(other_sla, "Days").pk: {"actual": Decimal(4)}}
        return services.results_record(actor=other_staff, sla=other_sla, year=2026, quarter=2, rows=rows)[0]

    def add_rows(self, almo, count):
        add_slas(almo, count)

    def write_request(self, record):
        data = {"standard": record.standard_id, "year": 2026, "quarter": 1, "actual": "4"}
        return reverse("api:slas-result-list"), data


class TestBenchmarkApi(ScopedApiChecks):
    basename = "slas-benchmark"

    @pytest.fixture
    def record(self, sla, almo_staff):
        values = {"kind": "housemark", "source": "HouseMark", "year": 2025, "amount": Decimal(20), "basis": "per_home"}
        return services.benchmark_add(actor=almo_staff, sla=sla, values=values)

    @pytest.fixture
    def other_record(self, other_sla, other_staff):
        values = {"kind": "housemark", "source": "HouseMark", "year": 2025, "amount": Decimal(20), "basis": "per_home"}
        return services.benchmark_add(actor=other_staff, sla=other_sla, values=values)

    def add_rows(self, almo, count):
        add_slas(almo, count)

    def write_request(self, record):
        data = {
            "sla": record.sla_id,
            "kind": "housemark",
            "source": "X",
            "year": 2025,
            "amount": 5,
            "basis": "per_home",
        }
        return reverse("api:slas-benchmark-list"), data


class TestDisputeApi(ScopedApiChecks):
    basename = "slas-dispute"

    @pytest.fixture
    def record(self, sla, almo_staff):
        return services.dispute_raise(actor=almo_staff, sla=sla, title="Northmoor", description="Too high.")

    @pytest.fixture
    def other_record(self, other_sla, other_staff):
        return services.dispute_raise(actor=other_staff, sla=other_sla, title="Southdale", description="No.")

    def add_rows(self, almo, count):
        add_slas(almo, count)

    def write_request(self, record):
        return reverse("api:slas-dispute-move", args=[record.pk]), {"stage": "in_discussion", "note": "Talked."}


def test_the_api_records_a_result_and_names_what_is_wrong(api, sla, almo_staff, council_officer):
    api.force_authenticate(almo_staff)
    url = reverse("api:slas-result-list")
    incidents = standard(sla, "Incidents")
    response = api.post(url, {"standard": incidents.pk, "year": 2026, "quarter": 3, "actual": "80"}, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"what_happened", "why", "action"}
    response = api.post(url, {"standard": incidents.pk, "year": 2026, "quarter": 4, "actual": 99}, format="json")
    assert response.status_code == 400 and "has not ended yet" in response.json()["quarter"][0]
    response = api.post(
        url, {"standard": incidents.pk, "year": 2026, "quarter": 3, "actual": 99, "colour": "red"}, format="json"
    )
    assert response.status_code == 400 and "Unknown field" in response.json()["colour"][0]
    response = api.post(url, {"standard": incidents.pk, "year": 2026, "quarter": 3, "actual": 99}, format="json")
    assert response.status_code == 201 and response.json()["rag"] == "green"
    assert response.json()["period"] == "2026/27-Q3"


def test_the_api_refuses_a_benchmark_without_its_conversion(api, sla, almo_staff):
    api.force_authenticate(almo_staff)
    data = {
        "sla": sla.pk,
        "kind": "market_test",
        "source": "Quote",
        "year": 2023,
        "amount": "1000",
        "basis": "annual_total",
        "homes_covered": 5000,
        "currency": "USD",
    }
    response = api.post(reverse("api:slas-benchmark-list"), data, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"rate_to_pounds", "uplift_percent"}
    assert not Benchmark.objects.exists()


def test_the_api_moves_a_dispute_to_resolved(api, sla, almo_staff, council_officer):
    dispute = services.dispute_raise(actor=almo_staff, sla=sla, title="Charge", description="Too high.")
    api.force_authenticate(council_officer)
    url = reverse("api:slas-dispute-move", args=[dispute.pk])
    response = api.post(
        url,
        {"stage": "resolved", "note": "Settled.", "outcome": "almo_favour", "credit_agreed": "250.00"},
        format="json",
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["stage"] == "resolved" and [e["stage"] for e in body["events"]] == ["raised", "resolved"]
    assert api.post(url, {"stage": "resolved", "note": "Again."}, format="json").status_code == 400
    assert Dispute.objects.get().credit_agreed == Decimal("250.00")


def test_the_api_shows_terms_standards_and_value(api, sla, almo_staff):
    api.force_authenticate(almo_staff)
    body = api.get(reverse("api:slas-sla-detail", args=[sla.pk])).json()
    assert body["terms"]["annual_charge"] == "140000.00" and body["terms"]["notice_by"] == "2027-12-31"
    assert body["value"]["cost_per_home"] == "28.00" and body["value"]["benchmark_per_home"] is None
    assert len(body["standards"]) == 2 and body["terms_being_negotiated"] is None
    assert dt.date.fromisoformat(body["terms"]["review_date"]) == dt.date(2027, 3, 15)
