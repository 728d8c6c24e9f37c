"""Organisation pages: each runs the shared access checks, then its own."""

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from organisations.access import Role
from tests.access import ScopedPageChecks
from tests.factories import PASSWORD, BoardMemberFactory, DeclaredInterestFactory, UserFactory, user_with_role

pytestmark = pytest.mark.django_db


class TestAlmoPage(ScopedPageChecks):
    list_url = reverse("organisations:almo_list")

    @pytest.fixture
    def record(self, almo):
        return almo

    @pytest.fixture
    def other_record(self, other_almo):
        return other_almo

    def test_shows_the_management_agreement(self, client, almo, almo_staff):
        client.force_login(almo_staff)
        page = client.get(almo.get_absolute_url()).content.decode()
        assert "1 April 2024 to 31 March 2029" in page
        assert "(5.0 years)" in page


class TestBoardPage(ScopedPageChecks):
    list_url = reverse("organisations:board_list")

    @pytest.fixture
    def record(self, almo):
        return almo.board

    @pytest.fixture
    def other_record(self, other_almo):
        return other_almo.board

    def test_lists_serving_members_and_their_open_interests(self, client, almo, board_member):
        chair = BoardMemberFactory(board=almo.board, name="Ada Chair", office="chair")
        DeclaredInterestFactory(board_member=chair)
        BoardMemberFactory(board=almo.board, name="Old Member", term_start="2015-01-01", term_end="2019-01-01")
        client.force_login(board_member)
        response = client.get(almo.board.get_absolute_url())
        serving = list(response.context["serving"])
        assert [member.name for member in serving] == ["Ada Chair"]
        assert serving[0].open_interests == 1
        assert [member.name for member in response.context["past"]] == ["Old Member"]


class TestInterestRegister(ScopedPageChecks):
    def detail_url(self, record):
        return reverse("organisations:interest_register", kwargs={"slug": record.board_member.board.almo.slug})

    @pytest.fixture
    def record(self, almo):
        return DeclaredInterestFactory(board_member__board=almo.board, description="Owns a roofing firm")

    @pytest.fixture
    def other_record(self, other_almo):
        return DeclaredInterestFactory(board_member__board=other_almo.board)

    def test_register_shows_the_boards_interests(self, client, record, almo_staff):
        client.force_login(almo_staff)
        assert "Owns a roofing firm" in client.get(self.detail_url(record)).content.decode()


class TestCouncilPage(ScopedPageChecks):
    list_url = reverse("organisations:council_list")

    @pytest.fixture
    def record(self, almo):
        return almo.council

    @pytest.fixture
    def other_record(self, other_almo):
        return other_almo.council

    def test_user_of_another_almo_gets_404(self, client, record, other_staff, other_council_officer):
        # An ALMO's people may read their own council, so only other councils' people are refused here.
        for user in (other_staff, other_council_officer):
            client.force_login(user)
            assert client.get(self.detail_url(record)).status_code == 404

    def test_list_shows_only_permitted_rows(self, client, record, other_record, council_officer):
        client.force_login(council_officer)
        page = client.get(self.list_url).content.decode()
        assert record.name in page and other_record.name not in page


def test_history_shows_who_changed_what(client, almo, council_officer):
    almo.homes_managed = 5100
    almo._history_user = council_officer
    almo.save()
    client.force_login(council_officer)
    response = client.get(reverse("organisations:history", args=["organisations", "almo", almo.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Homes managed" in page and "<del>5000</del>" in page and "<ins>5100</ins>" in page
    assert council_officer.get_full_name() in page


def test_history_of_a_record_you_cannot_see_is_404(client, other_almo, almo_staff):
    client.force_login(almo_staff)
    url = reverse("organisations:history", args=["organisations", "almo", other_almo.pk])
    assert client.get(url).status_code == 404
    assert client.get(reverse("organisations:history", args=["auth", "user", almo_staff.pk])).status_code == 404


def test_each_record_page_links_to_its_history(client, almo, almo_staff):
    client.force_login(almo_staff)
    page = client.get(almo.get_absolute_url()).content.decode()
    assert reverse("organisations:history", args=["organisations", "almo", almo.pk]) in page


def test_home_page_shows_the_users_organisation_only(client, almo, other_almo, almo_staff):
    client.force_login(almo_staff)
    page = client.get(reverse("home")).content.decode()
    assert almo.name in page and other_almo.name not in page


def test_navigation_follows_the_role(client, almo, almo_staff, council_officer):
    client.force_login(almo_staff)
    labels = [item["label"] for item in client.get(reverse("home")).context["service_navigation"]]
    assert "Review queue" not in labels and "ALMOs" in labels
    client.force_login(council_officer)
    labels = [item["label"] for item in client.get(reverse("home")).context["service_navigation"]]
    assert "Review queue" in labels


def test_only_the_most_specific_section_is_current(client, almo, council_officer):
    client.force_login(council_officer)
    navigation = client.get(reverse("delivery_plans:review_queue")).context["service_navigation"]
    assert [item["label"] for item in navigation if item["active"]] == ["Review queue"]
    navigation = client.get(reverse("home")).context["service_navigation"]
    assert [item["label"] for item in navigation if item["active"]] == ["Home"]


def test_switcher_changes_the_organisation_you_work_as(client, almo, other_almo):
    user = user_with_role(Role.BOARD_MEMBER, almo)
    second = user.memberships.create(role=Role.ALMO_STAFF, almo=other_almo)
    client.force_login(user)
    assert client.get(reverse("home")).context["current_membership"].almo == almo
    response = client.post(reverse("organisations:switch_organisation"), {"membership": second.pk, "next": "/almos/"})
    assert response.url == "/almos/"
    assert client.get(reverse("home")).context["current_membership"] == second


def test_switcher_refuses_someone_elses_membership_and_offsite_redirects(client, almo, almo_staff, other_staff):
    client.force_login(almo_staff)
    theirs = other_staff.memberships.get()
    response = client.post(
        reverse("organisations:switch_organisation"),
        {"membership": theirs.pk, "next": "https://evil.example"},
    )
    assert response.url == reverse("home")
    assert client.get(reverse("home")).context["current_membership"].almo == almo


def test_sign_in_errors_name_the_field(client, almo_staff):
    response = client.post(reverse("login"), {"username": "", "password": ""})
    page = response.content.decode()
    assert "Enter your username" in page and "Enter your password" in page
    assert 'href="#id_username"' in page
    assert "<title>Error: Sign in" in page
    response = client.post(reverse("login"), {"username": "almo.staff", "password": "wrong"})
    assert "Enter a correct username and password" in response.content.decode()


def test_sign_in_and_out(client, almo_staff):
    response = client.post(reverse("login"), {"username": "almo.staff", "password": PASSWORD})
    assert response.url == reverse("home")
    assert client.get(reverse("home")).status_code == 200
    client.post(reverse("logout"))
    assert client.get(reverse("home")).status_code == 302


def test_password_reset_sends_a_link_that_works(client, almo_staff):
    client.post(reverse("password_reset"), {"email": almo_staff.email})
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/password-reset/" in line)
    path = link.split(settings.PORTAL_BASE_URL, 1)[1]
    response = client.get(path, follow=True)
    assert response.context["validlink"]
    response = client.post(
        response.redirect_chain[-1][0],
        {"new_password1": "a-new-strong-pass-77", "new_password2": "a-new-strong-pass-77"},
    )
    assert response.url == reverse("password_reset_complete")
    response = client.post(reverse("login"), {"username": "almo.staff", "password": "a-new-strong-pass-77"})
    assert response.url == reverse("home")


def test_a_person_with_no_membership_is_told_what_to_do(client, db):
    client.force_login(UserFactory())
    assert "You do not have access to any organisation yet" in client.get(reverse("home")).content.decode()


def test_history_names_people_and_shows_dates_and_figures_as_people_write_them(
    client, plan, almo_staff, council_officer
):
    """A history keeps ids; the page shows "Priya Shah", "2 December 2026" and "93.5", never "1" or 93.5000."""
    from delivery_plans import services as plan_services
    from delivery_plans.models import Return
    from tests.plans import fill

    return_record = plan_services.return_open(actor=almo_staff, plan=plan, year=2025, quarter=1)
    fill(return_record, almo_staff)
    plan_services.return_submit(actor=almo_staff, return_record=return_record)
    plan_services.return_accept(actor=council_officer, return_record=return_record)
    client.force_login(council_officer)
    page = client.get(reverse("organisations:history", args=["delivery_plans", "return", return_record.pk])).content
    page = page.decode()
    accepted = Return.objects.get(pk=return_record.pk).accepted_at
    assert council_officer.get_full_name() and council_officer.get_full_name() in page
    assert f"<ins>{council_officer.pk}</ins>" not in page
    assert f"{accepted:%-d %B %Y}" in page
