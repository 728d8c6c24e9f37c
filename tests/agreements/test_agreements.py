"""Management agreements: drafted by the council, agreed by both, versioned, with one delegations register."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfWriter

from agreements import services
from agreements.models import DelegatedFunction, ManagementAgreement
from agreements.selectors import delegated_functions
from tests.agreements.conftest import FUNCTION, TERMS, make_agreement

pytestmark = pytest.mark.django_db


def form_data(almo=None, **changes):
    data = {k: ("" if v is None else str(v)) for k, v in {**TERMS, **changes}.items()}
    if almo is not None:
        data["almo"] = almo.pk
    return data


def a_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_council_records_it_the_almo_agrees_it_and_it_comes_into_force(client, almo, council_officer, almo_staff):
    client.force_login(council_officer)
    data = form_data(almo) | {"document": SimpleUploadedFile("Signed agreement.pdf", a_pdf())}
    response = client.post(reverse("agreements:agreement_create"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    agreement = ManagementAgreement.objects.get(almo=almo)
    assert agreement.version == 1 and agreement.status == "draft" and agreement.document_name == "Signed agreement.pdf"
    # The register comes first: an agreement cannot be agreed without it.
    response = client.post(reverse("agreements:agreement_agree", args=[agreement.pk]), follow=True)
    assert "Add the delegated functions before agreeing" in response.content.decode()
    url = reverse("agreements:part_add", args=[agreement.pk, "functions"])
    assert client.post(url, {k: str(v) for k, v in FUNCTION.items()}).status_code == 302
    client.post(reverse("agreements:agreement_agree", args=[agreement.pk]))
    agreement.refresh_from_db()
    assert agreement.council_agreed_by == council_officer and agreement.status == "draft"
    client.force_login(almo_staff)
    page = client.get(agreement.get_absolute_url()).content.decode()
    assert "Disposal of land and buildings" in page and "Up to £250,000 each" in page
    client.post(reverse("agreements:agreement_agree", args=[agreement.pk]))
    agreement.refresh_from_db()
    assert agreement.status == "in_force" and agreement.almo_agreed_by == almo_staff
    # The document comes back only as an attachment, to people who may read the agreement.
    download = client.get(reverse("agreements:agreement_document", args=[agreement.pk]))
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content).startswith(b"%PDF")


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"initial_end_on": "2024-03-01"}, "initial_end_on", "The initial term must end after it starts."),
        ({"break_on": "2030-01-01"}, "break_on", "Break date must be within the term"),
        ({"review_on": "2024-01-01"}, "review_on", "Next formal review must be within the term"),
        ({"indexation_rate": ""}, "indexation_rate", "Enter the indexation percentage for this rule."),
        ({"management_fee": "lots"}, "management_fee", "Enter the fee in pounds"),
        ({"starts_on": "2024-02-30"}, "starts_on", "Enter a real date"),
    ],
)
def test_bad_terms_are_refused_by_name_and_nothing_is_saved(client, almo, council_officer, changes, field, message):
    client.force_login(council_officer)
    response = client.post(reverse("agreements:agreement_create"), form_data(almo, **changes))
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert not ManagementAgreement.objects.exists()


def test_a_document_that_is_not_a_pdf_is_refused(client, almo, council_officer):
    client.force_login(council_officer)
    data = form_data(almo) | {"document": SimpleUploadedFile("agreement.pdf", b"<html>not a pdf</html>")}
    response = client.post(reverse("agreements:agreement_create"), data)
    assert response.status_code == 400 and "must be a PDF" in str(response.context["form"].errors["document"])
    assert not ManagementAgreement.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"limit_unit": ""}, "limit_unit", "Choose the unit of the limit"),
        ({"limit": ""}, "limit", "Enter the limit, or leave the unit empty."),
        ({"limit": "-5"}, "limit", "The limit must be more than 0."),
        ({"function": ""}, "function", "Enter the function"),
    ],
)
def test_a_delegation_limit_without_a_unit_is_refused(client, almo, council_officer, changes, field, message):
    agreement = services.agreement_create(actor=council_officer, almo=almo, **TERMS)
    client.force_login(council_officer)
    data = {k: str(v) for k, v in (FUNCTION | changes).items()}
    response = client.post(reverse("agreements:part_add", args=[agreement.pk, "functions"]), data)
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert not DelegatedFunction.objects.exists()


def test_a_change_after_one_side_agreed_needs_both_again(almo, council_officer, almo_staff):
    agreement = make_agreement(almo, council_officer)
    services.agreement_agree(actor=council_officer, agreement=agreement)
    services.part_save(
        actor=council_officer, agreement=agreement, kind="clauses", number="14.2", heading="Failure", text="…"
    )
    agreement.refresh_from_db()
    assert agreement.council_agreed_at is None and agreement.waiting_for == ["council", "almo"]
    assert agreement.history.first().history_user == council_officer


def test_an_agreed_version_is_locked_and_a_new_version_replaces_it(client, agreement, council_officer, almo_staff):
    client.force_login(council_officer)
    edit = client.get(reverse("agreements:agreement_edit", args=[agreement.pk]), follow=True)
    assert "This version is agreed and cannot change" in edit.content.decode()
    response = client.post(reverse("agreements:agreement_new_version", args=[agreement.pk]))
    draft = ManagementAgreement.objects.get(almo=agreement.almo, version=2)
    assert response.url == draft.get_absolute_url()
    assert list(draft.functions.values_list("function", flat=True)) == ["Disposal of land and buildings"]
    # A second draft at once would confuse who is agreeing what.
    again = client.post(reverse("agreements:agreement_new_version", args=[agreement.pk]), follow=True)
    assert "already has a draft agreement" in again.content.decode()
    services.agreement_agree(actor=council_officer, agreement=draft)
    services.agreement_agree(actor=almo_staff, agreement=draft)
    agreement.refresh_from_db()
    draft.refresh_from_db()
    assert agreement.status == "superseded" and draft.status == "in_force"


def test_the_almo_cannot_draft_and_the_same_side_cannot_agree_twice(client, almo, almo_staff, council_officer):
    client.force_login(almo_staff)
    assert client.get(reverse("agreements:agreement_create")).status_code == 403
    agreement = make_agreement(almo, council_officer)
    services.agreement_agree(actor=council_officer, agreement=agreement)
    client.force_login(council_officer)
    response = client.post(reverse("agreements:agreement_agree", args=[agreement.pk]), follow=True)
    assert "The council has already agreed this." in response.content.decode()


def test_the_delegations_register_is_read_from_the_agreement_in_force(almo, council_officer, almo_staff):
    draft = make_agreement(almo, council_officer)
    assert delegated_functions(almo) == []
    services.agreement_agree(actor=council_officer, agreement=draft)
    services.agreement_agree(actor=almo_staff, agreement=draft)
    [row] = delegated_functions(almo)
    assert row["function"] == "Disposal of land and buildings"
    assert row["limit_text"] == "Up to £250,000 each" and row["decision_maker"] == "ALMO board"


def test_clauses_sort_by_their_numbers(client, almo, council_officer):
    agreement = make_agreement(almo, council_officer)
    for number in ("10.1", "2.1", "2.10", "2.2"):
        services.part_save(
            actor=council_officer, agreement=agreement, kind="clauses", number=number, heading=f"H{number}", text="t"
        )
    assert [c.number for c in agreement.clauses.all()] == ["2.1", "2.2", "2.10", "10.1"]


def test_agreement_pages_cost_the_same_queries_with_more_functions(
    client, almo, council_officer, django_assert_max_num_queries
):
    agreement = make_agreement(almo, council_officer)
    client.force_login(council_officer)
    client.get(agreement.get_absolute_url())
    for n in range(20):
        services.part_save(
            actor=council_officer, agreement=agreement, kind="functions", **(FUNCTION | {"function": f"F{n}"})
        )
    with django_assert_max_num_queries(25):
        assert client.get(agreement.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(15):
        assert client.get(reverse("agreements:agreement_list")).status_code == 200


def test_key_dates_are_within_the_term(almo, council_officer):
    agreement = make_agreement(almo, council_officer, break_on=dt.date(2027, 3, 31))
    assert [d[0] for d in agreement.key_dates()][0] == "review_on"
