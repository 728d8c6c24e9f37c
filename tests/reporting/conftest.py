import io

import pytest
from pypdf import PdfReader

from delivery_plans import services as plan_services
from tests.plans import COMMENTARY, fill


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture
def accepted_return(plan, almo_staff, council_officer):
    """Q1 2025/26 for `plan`: RP02(1) red at 80.0 with commentary and an answered query; BV212 green at 25.0."""
    return_record = plan_services.return_open(actor=almo_staff, plan=plan, year=2025, quarter=1)
    fill(return_record, almo_staff, rp02=("400", "500"), commentary=COMMENTARY)
    plan_services.return_submit(actor=almo_staff, return_record=return_record)
    rp02 = return_record.actuals.get(plan_indicator__indicator__code="RP02(1)")
    query = plan_services.actual_query(actor=council_officer, actual=rp02, text="Which crews were off sick?")
    plan_services.query_answer(actor=almo_staff, query=query, text="The two north patch crews.")
    plan_services.return_submit(actor=almo_staff, return_record=return_record)
    plan_services.return_accept(actor=council_officer, return_record=return_record)
    return_record.refresh_from_db()
    return return_record


def pdf_text(content: bytes) -> tuple[str, int]:
    """The text of every page with line breaks folded into spaces (table cells wrap), and the page count."""
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split()), len(reader.pages)
