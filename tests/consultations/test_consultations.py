"""Setting up a review of an ALMO's future through the pages: the ballot rule, options, timetable, the checklist."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from consultations.models import ChecklistItem, Consultation, FoundingTest
from tests.access import ScopedPageChecks
from tests.consultations.conftest import make_consultation

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)

pytestmark = pytest.mark.django_db


def form(almo, **overrides):
    data = {
        "almo": almo.pk,
        "subject": "The future of Northmoor Homes",
        "purpose": "Decide who manages the homes.",
        "decision_criteria": "The ballot result.",
        "is_future_review": "on",
        "method": "full_survey",
        "overseeing_organisation": "Independent Ballots Ltd",
        "independent_tenant_adviser": "",
    }
    return data | overrides


def test_the_portal_insists_on_a_ballot_when_tenants_voted_to_create_the_almo(client, council_officer, almo):
    client.force_login(council_officer)
    response = client.post(
        reverse("consultations:founding_test_edit", args=[almo.slug]), {"kind": "ballot", "held_in": "2004"}
    )
    assert response.status_code == 302
    assert FoundingTest.objects.get(almo=almo).kind == "ballot"

    response = client.post(reverse("consultations:consultation_create"), form(almo))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Tenants voted in a ballot before Northmoor Homes was set up" in page
    assert "at least as rigorous" in page
    assert not Consultation.objects.exists()

    response = client.post(reverse("consultations:consultation_create"), form(almo, method="ballot"))
    assert response.status_code == 302
    consultation = Consultation.objects.get()
    assert consultation.checklist.count() == 13
    assert consultation.checklist.filter(required=True).count() == 11
    # Changing the method away from a ballot later is refused the same way.
    response = client.post(reverse("consultations:consultation_edit", args=[consultation.pk]), form(almo))
    assert response.status_code == 400
    assert "must also use a ballot" in response.content.decode()


def test_without_a_founding_ballot_another_method_is_fine(client, council_officer, almo):
    client.force_login(council_officer)
    response = client.post(reverse("consultations:consultation_create"), form(almo, method="questionnaire"))
    assert response.status_code == 302


def test_bad_input_names_the_field(client, council_officer, almo, other_almo):
    client.force_login(council_officer)
    response = client.post(reverse("consultations:consultation_create"), form(almo, subject="", method="postcard"))
    page = response.content.decode()
    assert response.status_code == 400
    assert "Enter the subject of the consultation" in page
    assert "Choose a method" in page
    # An ALMO of another council is not a choice.
    response = client.post(reverse("consultations:consultation_create"), form(other_almo))
    assert response.status_code == 400
    assert not Consultation.objects.exists()


def test_options_timetable_and_project_group(client, council_officer, consultation):
    client.force_login(council_officer)
    url = reverse("consultations:part_add", args=[consultation.pk, "stage"])
    response = client.post(url, {"title": "Ballot", "starts_on": "2027-03-01", "ends_on": "2027-02-01"})
    assert response.status_code == 400
    assert "A stage cannot end before it starts." in response.content.decode()
    client.post(url, {"title": "Ballot", "starts_on": "2027-03-01", "ends_on": "2027-03-31"})
    client.post(
        reverse("consultations:part_add", args=[consultation.pk, "member"]),
        {"name": "Doreen Platt", "represents": "Tenants' federation", "is_tenant": "on"},
    )
    url = reverse("consultations:part_add", args=[consultation.pk, "option"])
    response = client.post(
        url, {"title": "Keep the ALMO", "summary": "x", "pros": "x", "cons": "x", "impact_on_residents": "x"}
    )
    assert response.status_code == 400
    assert "already has an option with that title" in response.content.decode()
    page = client.get(consultation.get_absolute_url()).content.decode()
    assert "Doreen Platt" in page and "31 March 2027" in page and "Bring management back in-house" in page


def test_decided_only_when_every_required_item_is_confirmed(client, council_officer, almo_staff, consultation):
    Consultation.objects.filter(pk=consultation.pk).update(status="reported")
    client.force_login(council_officer)
    decide = reverse("consultations:consultation_decide", args=[consultation.pk])
    response = client.post(decide, {"decision": "Cabinet chose to keep the ALMO."}, follow=True)
    assert "11 required checklist items are not confirmed" in response.content.decode()
    assert Consultation.objects.get(pk=consultation.pk).status == "reported"

    item = consultation.checklist.get(key="almo_contributes")
    url = reverse("consultations:checklist_item", args=[item.pk])
    # Confirming needs evidence first; a required item cannot be set aside.
    response = client.post(url, {"form": "status", "status": "confirmed"})
    assert response.status_code == 400 and "Add evidence before confirming this item." in response.content.decode()
    response = client.post(url, {"form": "status", "status": "not_applicable"})
    assert response.status_code == 400

    # The ALMO adds its evidence; only the council confirms.
    client.force_login(almo_staff)
    upload = SimpleUploadedFile("board minutes.pdf", PDF, content_type="application/pdf")
    assert client.post(url, {"form": "evidence", "evidence": upload}).status_code == 302
    assert client.post(url, {"form": "status", "status": "confirmed"}).status_code == 404
    fake = SimpleUploadedFile("minutes.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf")
    response = client.post(url, {"form": "evidence", "evidence": fake})
    assert response.status_code == 400 and "must be a PDF" in response.content.decode()

    client.force_login(council_officer)
    for item in consultation.checklist.filter(required=True):
        if not item.evidence:
            client.post(
                reverse("consultations:checklist_item", args=[item.pk]),
                {"form": "evidence", "evidence": SimpleUploadedFile("e.pdf", PDF)},
            )
        client.post(reverse("consultations:checklist_item", args=[item.pk]), {"form": "status", "status": "confirmed"})
    confirmed = ChecklistItem.objects.get(pk=consultation.checklist.get(key="almo_contributes").pk)
    assert confirmed.confirmed_by == council_officer and confirmed.evidence_name == "board minutes.pdf"
    download = client.get(reverse("consultations:evidence_download", args=[confirmed.pk]))
    assert download["Content-Disposition"].startswith("attachment") and b"".join(download.streaming_content) == PDF

    response = client.post(decide, {"decision": "Cabinet chose to keep the ALMO."}, follow=True)
    consultation.refresh_from_db()
    assert consultation.status == "decided" and consultation.decision == "Cabinet chose to keep the ALMO."


def test_a_ballot_consultation_is_reported_only_after_the_result_is_published(client, council_officer, consultation):
    client.force_login(council_officer)
    url = reverse("consultations:consultation_advance", args=[consultation.pk])
    client.post(url, {"status": "open"})
    client.post(url, {"status": "closed"})
    response = client.post(url, {"status": "reported"}, follow=True)
    assert "must be published before the consultation is reported" in response.content.decode()
    response = client.post(url, {"status": "decided"}, follow=True)
    assert Consultation.objects.get(pk=consultation.pk).status == "closed"


class TestConsultationPages(ScopedPageChecks):
    list_url = "/consultations/"

    @pytest.fixture
    def record(self, consultation):
        return consultation

    @pytest.fixture
    def other_record(self, other_consultation):
        return other_consultation

    def write_request(self, record):
        return reverse("consultations:part_add", args=[record.pk, "member"]), {"name": "X", "represents": "Y"}


class TestChecklistPages(ScopedPageChecks):
    def detail_url(self, record):
        return reverse("consultations:checklist_item", args=[record.pk])

    @pytest.fixture
    def record(self, consultation):
        return consultation.checklist.first()

    @pytest.fixture
    def other_record(self, other_consultation):
        return other_consultation.checklist.first()

    def write_request(self, record):
        return self.detail_url(record), {"form": "status", "status": "in_progress"}


def test_list_costs_the_same_queries_for_many_rows(client, council_officer, almo, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(council_officer)
    make_consultation(council_officer, almo, subject="First")
    client.get("/consultations/")
    with CaptureQueriesContext(connection) as few:
        client.get("/consultations/")
    for n in range(12):
        make_consultation(council_officer, almo, subject=f"Review number {n}", options=False)
    with django_assert_max_num_queries(len(few)):
        response = client.get("/consultations/")
    assert response.content.decode().count("Review number") == 12
