"""Figures people can trust: one status and one rounded figure on every surface, and amendments that
cannot rewrite settled quarters or set impossible targets.
"""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from api_access.services import token_create
from delivery_plans import services
from delivery_plans.models import Actual, Amendment, Return, Target
from organisations.access import Role
from organisations.models import Notification
from reporting import services as report_services
from reporting.models import ReportRun
from tests.factories import user_with_role
from tests.plans import COMMENTARY, fill
from tests.reporting.conftest import pdf_text


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def download(client, run) -> bytes:
    return b"".join(client.get(reverse("reporting:run_download", args=[run.pk])).streaming_content)


def propose_through_the_page(client, plan, target, new_value, reopens=False):
    data = {"kind": "target", "target": target.pk, "new_value": new_value, "reason": "Agreed at liaison."}
    if reopens:
        data["reopens_return"] = "on"
    return client.post(reverse("delivery_plans:amendment_propose", args=[plan.pk]), data)


def test_an_agreed_target_turns_the_line_green_on_every_surface(
    client, plan, almo_staff, council_officer, django_capture_on_commit_callbacks
):
    # 8,925 of 10,000 is 89.25%: 89.3 rounded half up, amber against 90 with a tolerance of 2.
    return_record = services.return_open(actor=almo_staff, plan=plan, year=2025, quarter=2)
    fill(return_record, almo_staff, rp02=("8925", "10000"), commentary=COMMENTARY)
    services.return_submit(actor=almo_staff, return_record=return_record)
    line = Actual.objects.get(return_record=return_record, plan_indicator__indicator__code="RP02(1)")
    assert (line.value, line.rag) == (Decimal("89.3"), "amber")

    colleague = user_with_role(Role.ALMO_STAFF, plan.almo, username="colleague")
    # The council proposes 89 for that quarter; the return is with the council, so it must re-open it.
    target = Target.objects.get(plan_indicator=line.plan_indicator, year=2025, quarter=2)
    client.force_login(council_officer)
    refused = propose_through_the_page(client, plan, target, "89")
    assert refused.status_code == 400 and "choose to re-open that return" in refused.content.decode()
    propose_through_the_page(client, plan, target, "89", reopens=True)
    amendment = Amendment.objects.get()
    client.force_login(almo_staff)
    client.post(amendment.get_absolute_url(), {"agree": "1", "reason": ""})
    return_record.refresh_from_db()
    assert return_record.status == Return.Status.QUERIED, "the return goes back to the ALMO"
    # Everyone else at the ALMO hears of it; whoever agreed knows already.
    assert Notification.objects.filter(user=colleague, message__contains="is back with you").exists()
    services.return_submit(actor=almo_staff, return_record=return_record)
    services.return_accept(actor=council_officer, return_record=return_record)

    line.refresh_from_db()
    assert line.rag == "green"
    # The return page.
    client.force_login(council_officer)
    page = client.get(return_record.get_absolute_url()).content.decode()
    assert "89.3" in page and "govuk-tag--green" in page and "govuk-tag--yellow" not in page
    # The API.
    _token, secret = token_create(actor=council_officer, name="Checks")
    api = client.get(reverse("api:actual-list"), {"indicator_code": "RP02(1)"}, HTTP_AUTHORIZATION=f"Bearer {secret}")
    (row,) = [r for r in api.json()["results"] if r["return_id"] == return_record.pk]
    assert (row["rag"], Decimal(row["value"])) == ("green", Decimal("89.3"))
    # The variances list shows red and amber lines only.
    assert "RP02(1)" not in client.get(reverse("delivery_plans:variance_list")).content.decode()
    # The quarterly return PDF, and the council's variance report in PDF and XLSX.
    with django_capture_on_commit_callbacks(execute=True):
        runs = [
            report_services.report_request_return(actor=council_officer, return_record=return_record),
            report_services.report_request_council_variance(
                actor=council_officer, council=plan.almo.council, year=2025, quarter=2, format="pdf"
            ),
            report_services.report_request_council_variance(
                actor=council_officer, council=plan.almo.council, year=2025, quarter=2, format="xlsx"
            ),
        ]
    for run in runs:
        run.refresh_from_db()
        assert run.status == ReportRun.Status.DONE, run.error
    text, _pages = pdf_text(download(client, runs[0]))
    assert "89.3" in text and "Green" in text and "Amber" not in text
    variance_text, _pages = pdf_text(download(client, runs[1]))
    assert "RP02(1)" not in variance_text
    sheet = load_workbook(io.BytesIO(download(client, runs[2])))["Variances"]
    assert [row for row in sheet.iter_rows(min_row=2, values_only=True) if row[3] == "RP02(1)"] == []


def test_ratios_are_stored_and_shown_rounded_half_up(client, plan, almo_staff, council_officer):
    """49 of 400 is 12.25%: published returns and spreadsheets' ROUND give 12.3, never 12.2."""
    return_record = services.return_open(actor=almo_staff, plan=plan, year=2025, quarter=3)
    fill(return_record, almo_staff, rp02=("49", "400"), commentary=COMMENTARY)
    line = Actual.objects.get(return_record=return_record, plan_indicator__indicator__code="RP02(1)")
    assert line.value == Decimal("12.3")
    client.force_login(almo_staff)
    assert "12.3" in client.get(return_record.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("code", "new_value", "message"),
    [
        ("BV212", "-5", "A target for BV212 cannot be below zero"),
        ("RP02(1)", "104", "A target for a percentage must be between 0 and 100, not 104."),
    ],
)
def test_an_impossible_target_is_refused_by_field(client, plan, council_officer, code, new_value, message):
    target = Target.objects.get(plan_indicator__indicator__code=code, year=2026, quarter=3)
    client.force_login(council_officer)
    response = propose_through_the_page(client, plan, target, new_value)
    assert response.status_code == 400 and message in response.content.decode()
    assert not Amendment.objects.exists()


def test_a_settled_quarter_is_not_offered_and_cannot_be_amended(client, plan, almo_staff, council_officer):
    return_record = services.return_open(actor=almo_staff, plan=plan, year=2025, quarter=1)
    fill(return_record, almo_staff, commentary=COMMENTARY)
    services.return_submit(actor=almo_staff, return_record=return_record)
    services.return_accept(actor=council_officer, return_record=return_record)
    settled = Target.objects.get(plan_indicator__indicator__code="BV212", year=2025, quarter=1)
    client.force_login(council_officer)
    form = client.get(reverse("delivery_plans:amendment_propose", args=[plan.pk])).context["form"]
    assert settled not in form.fields["target"].queryset
    with pytest.raises(Exception) as refused:
        services.amendment_propose(
            actor=council_officer, plan=plan, kind="target", reason="x", target=settled, new_value=Decimal("20")
        )
    assert "cannot change now" in str(refused.value)


def test_the_amendment_form_reveals_only_the_chosen_kinds_questions_and_links_each_error(client, plan, council_officer):
    client.force_login(council_officer)
    url = reverse("delivery_plans:amendment_propose", args=[plan.pk])
    page = client.get(url).content.decode()
    assert page.count("govuk-radios__conditional") >= 5 and 'data-module="govuk-radios"' in page
    response = client.post(url, {"reason": "A wider band."})
    assert response.status_code == 400
    assert '<a href="#id_kind_1">Choose what should change</a>' in response.content.decode()
    response = client.post(url, {"kind": "tolerance", "reason": "A wider band."})
    page = response.content.decode()
    assert response.status_code == 400
    assert '<a href="#id_tolerance_target">Choose the target to change.</a>' in page
    assert '<a href="#id_new_tolerance">Enter the new value.</a>' in page
    assert not Amendment.objects.exists()
