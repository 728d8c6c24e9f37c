"""Consultations and ballots in the API: read only, scoped by the one access rule, never vote-level data."""

import pytest
from django.urls import reverse

from consultations.models import Ballot, Consultation
from tests.api.access import ScopedApiChecks
from tests.consultations.conftest import make_ballot, make_consultation

pytestmark = pytest.mark.django_db


def officer_of(almo):
    from organisations.access import Role

    return (
        almo.council.memberships.filter(role=Role.COUNCIL_OFFICER).first().user
        if almo.council.memberships.filter(role=Role.COUNCIL_OFFICER).exists()
        else None
    )


class TestConsultationApi(ScopedApiChecks):
    basename = "consultations-consultation"

    @pytest.fixture
    def record(self, consultation):
        return consultation

    @pytest.fixture
    def other_record(self, other_consultation):
        return other_consultation

    def add_rows(self, almo, count):
        officer = officer_of(almo)
        for n in range(count):
            make_consultation(officer, almo, subject=f"Extra {Consultation.objects.count()} {n}")


class TestBallotApi(ScopedApiChecks):
    basename = "consultations-ballot"

    @pytest.fixture
    def record(self, ballot):
        return ballot

    @pytest.fixture
    def other_record(self, other_consultation, other_almo):
        from organisations.access import Role
        from tests.factories import user_with_role

        observer = user_with_role(Role.OBSERVER, other_almo.council, username="other.observer")
        observer.memberships.get().granted_almos.add(other_almo)
        return make_ballot(officer_of(other_almo), other_consultation, observer)

    def add_rows(self, almo, count):
        officer = officer_of(almo)
        overseer_ballot = Ballot.objects.filter(consultation__almo=almo).first()
        overseer = overseer_ballot.overseer.user
        for n in range(count):
            consultation = make_consultation(officer, almo, subject=f"Ballot {Consultation.objects.count()} {n}")
            make_ballot(officer, consultation, overseer)

    @pytest.fixture(autouse=True)
    def _one_ballot(self, ballot):
        """`add_rows` finds the overseer on the first ballot."""
        return ballot


def test_the_api_never_serves_votes_or_codes(api, council_officer, open_ballot):
    api.force_authenticate(council_officer)
    data = api.get(reverse("api:consultations-ballot-detail", args=[open_ballot.pk])).json()
    assert set(data) == {
        "id",
        "consultation",
        "almo",
        "question",
        "status",
        "opens_on",
        "closes_on",
        "eligible_count",
        "votes_cast",
        "results",
        "final_hash",
        "verified_ok",
        "published_at",
    }
    assert api.get("/api/v1/votes/").status_code == 404
    assert api.post(reverse("api:consultations-ballot-list"), {}).status_code in (403, 405)


def test_filters_are_strict(api, council_officer, ballot):
    api.force_authenticate(council_officer)
    url = reverse("api:consultations-ballot-list")
    assert api.get(url, {"status": "draft"}).json()["count"] == 1
    assert api.get(url, {"status": "open"}).json()["count"] == 0
    response = api.get(url, {"status": "sealed"})
    assert response.status_code == 400 and "status" in response.json()
    assert api.get(url, {"colour": "red"}).status_code == 400
