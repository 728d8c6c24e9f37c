"""The shared access checks on every HRA page: anonymous sent to sign in, people elsewhere get a 404, a board member
changes nothing, lists show only permitted rows. A council's HRA year is for the council's people; each ALMO's people
see its allocation and the lines it holds."""

import pytest
from django.urls import reverse

from tests.access import ScopedPageChecks
from tests.hra.conftest import make_line, make_reprofile

pytestmark = pytest.mark.django_db


class CouncilOnly:
    """A council's year: its ALMOs' people read their part of it elsewhere, and get a 404 here."""

    def test_people_of_the_almo_and_its_council_can_read(
        self, client, record, council_officer, almo_staff, board_member
    ):
        client.force_login(council_officer)
        assert client.get(self.detail_url(record)).status_code == 200
        for user in (almo_staff, board_member):
            client.force_login(user)
            assert client.get(self.detail_url(record)).status_code == 404, user.username

    def test_board_member_cannot_write(self, client, record, board_member):
        client.force_login(board_member)
        url, data = self.write_request(record)
        assert client.post(url, data).status_code == 404


class TestHraYearPage(CouncilOnly, ScopedPageChecks):
    list_url = reverse("hra:index")

    @pytest.fixture
    def record(self, hra_year, lines):
        return hra_year

    @pytest.fixture
    def other_record(self, other_hra_year):
        return other_hra_year

    def row_text(self, record):
        return record.get_absolute_url()

    def write_request(self, record):
        return reverse("hra:year_edit", args=[record.pk]), {"opening_balance": "1", "minimum_balance": "1"}

    def test_list_shows_only_permitted_rows(self, client, record, other_record, council_officer):
        client.force_login(council_officer)
        page = client.get(self.list_url).content.decode()
        assert self.row_text(record) in page and self.row_text(other_record) not in page


class TestHraLinePage(ScopedPageChecks):
    @pytest.fixture
    def record(self, lines):
        return lines["repairs"]

    @pytest.fixture
    def other_record(self, other_hra_year, other_almo):
        return make_line(other_hra_year, "repairs", "Repairs elsewhere", "100", holder=other_almo)

    def write_request(self, record):
        return reverse("hra:line_report", args=[record.pk]), {"quarter": "1", "figure": "2500000"}

    def test_a_line_the_council_keeps_is_the_councils_alone(self, client, lines, almo_staff, council_officer):
        url = lines["supervision"].get_absolute_url()
        client.force_login(almo_staff)
        assert client.get(url).status_code == 404
        client.force_login(council_officer)
        assert client.get(url).status_code == 200


class TestAllocationPage(ScopedPageChecks):
    list_url = reverse("hra:index")

    @pytest.fixture
    def record(self, allocation):
        return allocation

    @pytest.fixture
    def other_record(self, other_allocation):
        return other_allocation

    def row_text(self, record):
        return record.get_absolute_url()

    def write_request(self, record):
        return reverse("hra:allocation_agree", args=[record.pk]), {}


class TestProgrammePage(ScopedPageChecks):
    list_url = reverse("hra:index")

    @pytest.fixture
    def record(self, programme):
        return programme

    @pytest.fixture
    def other_record(self, other_programme):
        return other_programme

    def row_text(self, record):
        return record.get_absolute_url()

    def write_request(self, record):
        return reverse("hra:reprofile_propose", args=[record.pk]), {
            "new_q1": "200000", "new_q2": "200000", "new_q3": "300000", "new_q4": "300000", "reason": "Slippage",
        }  # fmt: skip


class TestReprofilePage(ScopedPageChecks):
    @pytest.fixture
    def record(self, programme, almo_staff):
        return make_reprofile(programme, almo_staff, new_q2="200000", new_q3="350000")

    @pytest.fixture
    def other_record(self, other_programme, other_staff):
        return make_reprofile(other_programme, other_staff)

    def write_request(self, record):
        return record.get_absolute_url(), {"agree": "", "reason": ""}


class TestStockPage(ScopedPageChecks):
    list_url = reverse("hra:index")

    @pytest.fixture
    def record(self, stock):
        return stock

    @pytest.fixture
    def other_record(self, other_stock):
        return other_stock

    def row_text(self, record):
        return record.get_absolute_url()

    def write_request(self, record):
        return reverse("hra:stock_edit", args=[record.pk]), {"homes_at_start": "1", "non_decent_at_start": "0"}


class TestInvestmentPlanPage(ScopedPageChecks):
    list_url = reverse("hra:index")

    @pytest.fixture
    def record(self, investment_plan):
        return investment_plan

    @pytest.fixture
    def other_record(self, other_investment_plan):
        return other_investment_plan

    def row_text(self, record):
        return record.get_absolute_url()

    def write_request(self, record):
        return reverse("hra:resource_add", args=[record.pk]), {
            "source": "mra", "from_year": "1", "to_year": "2", "amount_per_year": "100",
        }  # fmt: skip


@pytest.mark.parametrize(
    "name",
    ["year_edit", "line_create", "lines_import", "allocation_create"],
)
def test_council_pages_are_missing_to_everyone_else(
    client, name, hra_year, almo_staff, board_member, observer, other_council_officer
):
    for user in (almo_staff, board_member, observer, other_council_officer):
        client.force_login(user)
        assert client.get(reverse(f"hra:{name}", args=[hra_year.pk])).status_code == 404, user.username


def test_the_observer_reads_the_granted_almo_and_changes_nothing(client, observer, allocation, programme, stock):
    client.force_login(observer)
    for record in (allocation, programme, stock):
        assert client.get(record.get_absolute_url()).status_code == 200
    assert client.post(reverse("hra:allocation_agree", args=[allocation.pk])).status_code == 404
    assert client.get(reverse("hra:programme_edit", args=[programme.pk])).status_code == 404
    assert client.get(reverse("hra:stock_create")).status_code == 404
    assert client.get(reverse("hra:investment_create")).status_code == 404


def test_creating_pages_are_for_the_parties(client, board_member, observer):
    for user in (board_member, observer):
        client.force_login(user)
        for name in ("year_create", "programme_create", "stock_create", "investment_create"):
            assert client.get(reverse(f"hra:{name}")).status_code == 404, (user.username, name)


def test_anonymous_is_sent_to_sign_in_from_every_page(client, hra_year):
    for name in ("index", "year_create", "programme_create", "stock_create", "investment_create"):
        assert client.get(reverse(f"hra:{name}")).status_code == 302
