"""SLAs in the council variance report (PDF and XLSX), on the home panel, and in the demo."""

import io
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from openpyxl import load_workbook

from organisations import demo as organisations_demo
from reporting.models import ReportRun
from slas import demo, services
from slas.models import Dispute, ServiceLevelAgreement, StandardResult
from tests.reporting.conftest import pdf_text
from tests.slas.conftest import standard

RED = {
    "actual": Decimal(80),
    "what_happened": "Incidents took longer to fix.",
    "why": "Two engineers left.",
    "action": "Agency engineers from January.",
}


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def reported(sla, almo_staff):
    services.results_record(actor=almo_staff, sla=sla, year=2026, quarter=3, rows={standard(sla, "Incidents").pk: RED})
    values = {"kind": "housemark", "source": "HouseMark", "year": 2025, "amount": Decimal(20), "basis": "per_home"}
    services.benchmark_add(actor=almo_staff, sla=sla, values=values)
    services.dispute_raise(actor=almo_staff, sla=sla, title="Laptops not supplied", description="25 of 40.")
    return sla


@pytest.mark.django_db
def test_the_council_variance_report_has_the_slas_in_pdf_and_xlsx(
    client, reported, council_officer, media, django_capture_on_commit_callbacks
):
    client.force_login(council_officer)
    for format_ in ("pdf", "xlsx"):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                reverse("reporting:request_council_variance"),
                {"council": reported.almo.council_id, "year": 2026, "quarter": 3, "format": format_},
            )
    runs = {run.format: run for run in ReportRun.objects.all()}
    pdf = b"".join(client.get(reverse("reporting:run_download", args=[runs["pdf"].pk])).streaming_content)
    text, _pages = pdf_text(pdf)
    assert "Service level agreements" in text and "IT services" in text
    assert "+40.0% (above the margin)" in text  # £28.00 a home against £20.00
    assert "Agency engineers from January." in text and "Laptops not supplied" in text
    xlsx = b"".join(client.get(reverse("reporting:run_download", args=[runs["xlsx"].pk])).streaming_content)
    rows = list(load_workbook(io.BytesIO(xlsx))["SLAs"].iter_rows(values_only=True))
    line = dict(zip(rows[0], rows[1], strict=True))
    assert (line["SLA"], line["Annual charge (£)"], line["Per home (£)"], line["Standards red"]) == (
        "IT services",
        140000,
        28,
        1,
    )
    assert line["Above the margin"] == "Yes"


@pytest.mark.django_db
def test_the_home_panel_shows_spend_per_almo_reviews_due_and_reds(client, reported, council_officer, board_member):
    for user in (council_officer, board_member):
        client.force_login(user)
        page = client.get(reverse("home")).content.decode()
        assert "Central services bought from the council" in page
        assert "£140,000" in page and "£28.00" in page and "+40.0%" in page
        assert "SLAs due for review within 90 days" in page  # 15 March 2027, 54 days after 20 January
        assert "Incidents fixed within 8 working hours</a>, IT services, Northmoor Homes" in page


@pytest.mark.django_db
def test_the_home_panel_is_hidden_from_someone_with_no_slas(client, other_staff, sla):
    client.force_login(other_staff)
    assert "Central services bought from the council" not in client.get(reverse("home")).content.decode()


# The demo ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    """Load the demo once for the module, in a transaction rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        organisations_demo.load()
        demo.load()
        yield
        transaction.set_rollback(True)


def row_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in apps.get_app_config("slas").get_models()}


@pytest.mark.django_db
def test_the_demo_gives_every_almo_its_slas_and_a_second_load_changes_nothing(demo_data, client):
    from organisations.demo import ALMOS

    for slug, *_rest in ALMOS:
        assert (
            ServiceLevelAgreement.objects.filter(almo__slug=slug, status__in=["in_force", "under_review"]).count() == 3
        )
    assert StandardResult.objects.filter(rag="red").exists()
    assert Dispute.objects.filter(stage="resolved", outcome="compromise").exists()
    assert Dispute.objects.filter(stage="in_discussion").exists()
    assert ServiceLevelAgreement.objects.filter(status="under_review").count() == 1
    assert ServiceLevelAgreement.objects.filter(status="draft").count() == 1
    before = row_counts()
    demo.load()
    assert row_counts() == before

    client.force_login(get_user_model().objects.get(username="north.staff"))
    page = client.get(reverse("slas:sla_list")).content.decode()
    assert "Legal services" in page and "Harrowfield Central Homes" not in page
    legal = ServiceLevelAgreement.objects.get(almo__slug="harrowfield-north-homes", service="legal")
    assert "more than the 10% margin" in client.get(legal.get_absolute_url()).content.decode()
    it = ServiceLevelAgreement.objects.get(almo__slug="harrowfield-north-homes", service="it")
    assert standard(it, "Incidents").latest_rag == "red"
