"""The HRA in the API: the shared access checks on every resource, and writes that call the pages' services."""

from decimal import Decimal

import pytest
from django.urls import reverse

from hra.models import AllocationAgreement, HraYear, ProgrammeQuarter, ReprofileRequest
from tests.api.access import ScopedApiChecks
from tests.factories import AlmoFactory, UserFactory
from tests.hra.conftest import (
    make_allocation,
    make_investment_plan,
    make_line,
    make_programme,
    make_reprofile,
    make_stock,
    make_year,
)

pytestmark = pytest.mark.django_db
D = Decimal


def _years(almo, count: int) -> int:
    start = 2000 + HraYear.objects.filter(council=almo.council).count()
    return list(range(start, start + count))


class TestHraYears(ScopedApiChecks):
    basename = "hra-year"
    readers = ("council_officer",)
    strangers = ("almo_staff", "board_member", "sibling_staff", "other_staff", "other_council_officer")

    @pytest.fixture
    def record(self, hra_year, lines, allocation):
        return hra_year

    @pytest.fixture
    def other_record(self, other_hra_year):
        return other_hra_year

    def add_rows(self, almo, count):
        for year in _years(almo, count):
            hra_year = make_year(almo.council, year)
            make_line(hra_year, "management-fee", "Fee", "100", holder=almo)
            make_line(hra_year, "dwelling-rents", "Rents", "1000")
            make_allocation(hra_year, almo, fee="100")

    def test_list_shows_only_permitted_rows(self, api, record, other_record, council_officer):
        api.force_authenticate(council_officer)
        ids = {row["id"] for row in api.get(self.list_url()).json()["results"]}
        assert record.pk in ids and other_record.pk not in ids

    def test_totals_and_checks_come_with_the_year(self, api, record, council_officer):
        api.force_authenticate(council_officer)
        data = api.get(self.detail_url(record)).json()
        budget = data["totals"][0]
        assert budget == {"measure": "Budget", "income": "10000000.00", "expenditure": "9800000.00",
                          "surplus": "200000.00", "closing": "5200000.00"}  # fmt: skip
        assert data["checks"] == [] and len(data["lines"]) == 6


class TestHraLines(ScopedApiChecks):
    basename = "hra-line"

    @pytest.fixture
    def record(self, lines):
        return lines["repairs"]

    @pytest.fixture
    def other_record(self, other_hra_year, other_almo):
        return make_line(other_hra_year, "repairs", "Repairs elsewhere", "100", holder=other_almo)

    def add_rows(self, almo, count):
        hra_year = HraYear.objects.filter(council=almo.council).first() or make_year(almo.council, 2010)
        for _ in range(count):
            make_line(hra_year, "repairs", f"Repairs {hra_year.lines.count()}", "100", holder=almo)

    def write_request(self, record):
        return reverse("api:hra-line-figures", args=[record.pk]), {"quarter": 1, "figure": "2400000"}

    def test_the_holder_reports_a_red_figure_with_commentary(self, api, record, almo_staff):
        api.force_authenticate(almo_staff)
        url = reverse("api:hra-line-figures", args=[record.pk])
        response = api.post(url, {"quarter": 2, "figure": "2800000"}, format="json")
        assert response.status_code == 400 and "commentary" in response.json()
        response = api.post(url, {"quarter": 2, "figure": 2800000, "commentary": "Storms."}, format="json")
        assert response.status_code == 200
        assert response.json()["rag"] == "red" and response.json()["variance"] == "300000.00"

    def test_bad_figures_are_refused_by_name(self, api, record, almo_staff):
        api.force_authenticate(almo_staff)
        url = reverse("api:hra-line-figures", args=[record.pk])
        response = api.post(url, {"quarter": 5, "figure": "-1", "colour": "red"}, format="json")
        assert response.status_code == 400
        assert set(response.json()) == {"quarter", "figure", "colour"}

    def test_a_line_the_council_keeps_is_missing_to_the_almo(self, api, lines, almo_staff):
        api.force_authenticate(almo_staff)
        assert api.get(reverse("api:hra-line-detail", args=[lines["supervision"].pk])).status_code == 404


class TestAllocations(ScopedApiChecks):
    basename = "hra-allocation"

    @pytest.fixture
    def record(self, hra_year, almo):
        return make_allocation(hra_year, almo, agreed=False)

    @pytest.fixture
    def other_record(self, other_allocation):
        return other_allocation

    def add_rows(self, almo, count):
        for year in _years(almo, count):
            make_allocation(make_year(almo.council, year), almo)

    def write_request(self, record):
        return reverse("api:hra-allocation-agree", args=[record.pk]), {}

    def test_both_sides_agree_then_receipts_are_split(self, api, record, council_officer, almo_staff):
        for user in (council_officer, almo_staff):
            api.force_authenticate(user)
            assert api.post(reverse("api:hra-allocation-agree", args=[record.pk])).status_code == 200
        assert AllocationAgreement.objects.get().agreed_by_both
        url = reverse("api:hra-allocation-receipts", args=[record.pk])
        response = api.post(url, {"quarter": 1, "kind": "right_to_buy", "homes": 2, "amount": "120000"}, format="json")
        assert response.status_code == 403  # the ALMO does not record the council's receipts
        api.force_authenticate(council_officer)
        response = api.post(url, {"quarter": 1, "kind": "right_to_buy", "homes": 2, "amount": "120000"}, format="json")
        assert response.status_code == 201
        assert (response.json()["almo_share"], response.json()["pooled"]) == ("24000.00", "30000.00")


class TestProgrammes(ScopedApiChecks):
    basename = "hra-programme"

    @pytest.fixture
    def record(self, programme):
        return programme

    @pytest.fixture
    def other_record(self, other_programme):
        return other_programme

    def add_rows(self, almo, count):
        for _ in range(count):
            make_programme(almo, year=2000 + almo.decent_homes_programmes.count())

    def write_request(self, record):
        return reverse("api:hra-programme-spend", args=[record.pk]), {"quarter": 1, "spend": "200000"}

    def test_the_almo_reports_spend(self, api, record, almo_staff):
        api.force_authenticate(almo_staff)
        response = api.post(
            reverse("api:hra-programme-spend", args=[record.pk]), {"quarter": 1, "spend": "210000.50"}, format="json"
        )
        assert response.status_code == 200
        assert response.json()["quarters"][0]["rag"] == "green"
        assert ProgrammeQuarter.objects.get(programme=record, quarter=1).spend == D("210000.50")


class TestReprofiles(ScopedApiChecks):
    basename = "hra-reprofile"

    @pytest.fixture
    def record(self, programme, almo_staff):
        return make_reprofile(programme, almo_staff, new_q2="200000", new_q3="350000")

    @pytest.fixture
    def other_record(self, other_programme, other_staff):
        return make_reprofile(other_programme, other_staff)

    def add_rows(self, almo, count):
        programme = almo.decent_homes_programmes.first() or make_programme(almo, year=2030)
        proposer = UserFactory()
        for _ in range(count):
            make_reprofile(programme, proposer)

    def write_request(self, record):
        return reverse("api:hra-reprofile-agree", args=[record.pk]), {}

    def test_the_almo_proposes_and_the_council_agrees(self, api, programme, almo_staff, council_officer):
        api.force_authenticate(almo_staff)
        body = {"programme": programme.pk, "new_q1": "200000", "new_q2": "200000", "new_q3": "300000",
                "new_q4": "300000", "reason": "Contractor delays"}  # fmt: skip
        response = api.post(reverse("api:hra-reprofile-list"), body, format="json")
        assert response.status_code == 201
        reprofile = ReprofileRequest.objects.get()
        assert api.post(reverse("api:hra-reprofile-agree", args=[reprofile.pk])).status_code == 400
        api.force_authenticate(council_officer)
        assert api.post(reverse("api:hra-reprofile-agree", args=[reprofile.pk])).status_code == 200
        assert programme.quarters.get(quarter=4).profile == D(300000)

    def test_more_than_the_allocation_is_refused(self, api, programme, almo_staff):
        api.force_authenticate(almo_staff)
        body = {"programme": programme.pk, "new_q1": "200000", "new_q2": "200000", "new_q3": "300000",
                "new_q4": "900000", "reason": "More"}  # fmt: skip
        response = api.post(reverse("api:hra-reprofile-list"), body, format="json")
        assert response.status_code == 400
        assert "more than the allocation" in response.json()["non_field_errors"][0]
        assert not ReprofileRequest.objects.exists()


class TestStockConditions(ScopedApiChecks):
    basename = "hra-stock-condition"

    @pytest.fixture
    def record(self, stock):
        return stock

    @pytest.fixture
    def other_record(self, other_stock):
        return other_stock

    def add_rows(self, almo, count):
        start = 2000 + almo.stock_conditions.count()
        for year in range(start, start + count):
            make_stock(almo, year)

    def test_the_figures_come_with_it(self, api, record, board_member):
        api.force_authenticate(board_member)
        figures = api.get(self.detail_url(record)).json()["figures"]
        assert figures == {"homes_at_end": 4975, "non_decent_at_end": 548, "RP01": "11.0", "BV184a": "16.0",
                           "BV184b": "31.2"}  # fmt: skip


class TestInvestmentPlans(ScopedApiChecks):
    basename = "hra-investment-plan"

    @pytest.fixture
    def record(self, investment_plan):
        return investment_plan

    @pytest.fixture
    def other_record(self, other_investment_plan):
        return other_investment_plan

    def add_rows(self, almo, count):
        start = 2000 + almo.investment_plans.count()
        for year in range(start, start + count):
            make_investment_plan(almo, first_year=year)

    def test_the_projection_says_when_money_runs_short(self, api, record, council_officer):
        api.force_authenticate(council_officer)
        data = api.get(self.detail_url(record)).json()
        assert data["runs_short_in"] == 2036 and len(data["projection"]) == 30


def test_api_lists_ignore_other_councils_almos(api, council_officer, almo):
    other = AlmoFactory()
    make_programme(other)
    api.force_authenticate(council_officer)
    assert api.get(reverse("api:hra-programme-list")).json()["count"] == 0
