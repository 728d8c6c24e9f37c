"""Importing actuals from CSV and Excel files, driven through the pages: check every row, preview, all or nothing."""

import codecs
import csv
import datetime as dt
import io
import zipfile
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from core import spreadsheets
from core.spreadsheet_cells import neutralise
from delivery_plans import services
from delivery_plans.models import Actual, DeliveryPlan, Indicator, PlanIndicator, Return, Target
from delivery_plans.services import imports

pytestmark = pytest.mark.django_db

HEADER = "indicator_code,year,quarter,numerator,denominator,value,what_happened,why,recovery_action,expected_recovery"
GOOD_ROWS = [
    "RP02(1),2025,1,450,500,,,,,",  # row 2: 90.0, on target
    "RP02(1),2025,2,400,500,,Fewer repairs on time,Crews off sick,Agency crews booked,31/03/2027",  # row 3: 80.0
    "BV212,2025,1,3100,100,,,,,",  # row 4: 31.0 days
    "LOC1,2025,1,,,42,,,,",  # row 5: a count, typed as the value
    "TP01,2025,4,800,1000,,,,,",  # row 6: annual, so quarter 4
]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# Helpers ---------------------------------------------------------------------------------------


@pytest.fixture
def plan(almo, almo_staff, council_officer):
    """A plan in force for 2025/26 to 2027/28: RP02(1) and TP01 (percentage ratios), BV212 (days) and a local count."""
    plan = DeliveryPlan.objects.create(almo=almo, title="Delivery plan 2025 to 2028", first_year=2025, last_year=2027)
    local_count = Indicator.objects.create(
        council=almo.council,
        code="LOC1",
        name="Homes let to households in priority need",
        definition="Homes let in the quarter to households the council owes a housing duty.",
        unit="count",
        polarity="higher",
        decimal_places=0,
    )
    targets = {"RP02(1)": ("90", "2"), "BV212": ("28", "3"), "TP01": ("75", "5")}
    for indicator in [*Indicator.objects.filter(council=None, code__in=targets), local_count]:
        plan_indicator = PlanIndicator.objects.create(plan=plan, indicator=indicator)
        value, tolerance = targets.get(indicator.code, ("40", "0"))
        Target.objects.create(
            plan_indicator=plan_indicator, year=2025, quarter=Target.WHOLE_YEAR, value=value, tolerance=tolerance
        )
    services.plan_sign(actor=council_officer, plan=plan)
    services.plan_sign(actor=almo_staff, plan=plan)
    plan.refresh_from_db()
    assert plan.is_in_force
    return plan


def accept_return(plan, almo_staff, council_officer, year, quarter):
    """Open, fill, submit and accept a return through the services, so it is locked."""
    return_record = services.return_open(actor=almo_staff, plan=plan, year=year, quarter=quarter)
    rows = {}
    for actual in return_record.actuals.select_related("plan_indicator__indicator"):
        indicator = actual.plan_indicator.indicator
        figures = {"numerator": "95", "denominator": "100"} if indicator.is_ratio else {"value": "45"}
        rows[actual.pk] = {**figures, "what_happened": "a", "why": "b", "recovery_action": "c"}
        rows[actual.pk]["expected_recovery"] = dt.date(2027, 3, 31)
    assert services.return_save(actor=almo_staff, return_record=return_record, rows=rows) == []
    services.return_submit(actor=almo_staff, return_record=return_record)
    return services.return_accept(actor=council_officer, return_record=return_record)


def csv_upload(lines, name="figures.csv", header=HEADER, bom=False):
    content = "\r\n".join([header, *lines]).encode("utf-8")
    return SimpleUploadedFile(name, (codecs.BOM_UTF8 if bom else b"") + content, content_type="text/csv")


def xlsx_upload(rows, header=None, name="figures.xlsx"):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header or HEADER.split(","))
    for row in rows:
        sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return SimpleUploadedFile(name, output.getvalue(), content_type=XLSX)


def import_url(plan):
    return reverse("delivery_plans:actuals_import", kwargs={"pk": plan.pk})


def template_url(plan, fmt):
    return reverse("delivery_plans:actuals_import_template", kwargs={"pk": plan.pk, "fmt": fmt})


def upload(client, plan, file):
    return client.post(import_url(plan), {"file": file})


def import_file(client, plan, file):
    """Upload, look at the preview, confirm: returns the confirm response."""
    response = upload(client, plan, file)
    assert response.status_code == 302, _problems(response)
    preview = client.get(response.url)
    assert preview.status_code == 200
    return client.post(response.url)


def _problems(response):
    context = response.context or {}
    return [*(context.get("row_errors") or []), *(context["form"].errors.get("file", []) if "form" in context else [])]


def saved_state():
    """What an import could change: returns, and lines holding a figure."""
    return Return.objects.count(), Actual.objects.exclude(value=None).count(), Actual.objects.count()


def actual(plan, code, year, quarter):
    return Actual.objects.get(
        return_record__plan=plan,
        return_record__year=year,
        return_record__quarter=quarter,
        plan_indicator__indicator__code=code,
    )


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


# Good files ------------------------------------------------------------------------------------


def test_a_good_csv_imports_every_row_and_works_out_the_values(client, plan, almo_staff):
    client.force_login(almo_staff)
    # Headings in any case and with spaces, and a byte order mark as Excel writes: all accepted.
    header = (
        "Indicator code, Year ,QUARTER,numerator,denominator,value,What happened,why,recovery action,expected_recovery"
    )
    response = upload(client, plan, csv_upload(GOOD_ROWS, header=header, bom=True))
    assert response.status_code == 302, _problems(response)
    assert saved_state() == (0, 0, 0)  # nothing is saved before the preview is confirmed

    preview = client.get(response.url)
    page = preview.content.decode()
    assert "Check the figures before you import them" in page
    assert "90.0" in page and "80.0" in page and "31.0" in page  # the values the portal will work out
    assert "New return" in page
    assert "It will start new returns for Q1 2025/26, Q2 2025/26 and Q4 2025/26." in page

    response = client.post(response.url)
    assert response.status_code == 302
    assert response.url == plan.get_absolute_url()
    assert messages_of(response) == ["Imported 5 figures into 3 returns"]

    assert Return.objects.filter(plan=plan).count() == 3
    q1 = actual(plan, "RP02(1)", 2025, 1)
    assert (q1.numerator, q1.denominator, q1.value, q1.rag) == (Decimal(450), Decimal(500), Decimal("90.0"), "green")
    q2 = actual(plan, "RP02(1)", 2025, 2)
    assert (q2.value, q2.rag) == (Decimal("80.0"), "red")
    assert q2.what_happened == "Fewer repairs on time" and q2.expected_recovery == dt.date(2027, 3, 31)
    relets = actual(plan, "BV212", 2025, 1)
    assert (relets.value, relets.rag) == (Decimal("31.0"), "amber")  # 3 days over target is the edge of tolerance
    assert actual(plan, "LOC1", 2025, 1).value == 42
    assert actual(plan, "TP01", 2025, 4).value == Decimal("80.0")
    # Each new return has its lines from return_open, including ones the file left out.
    assert actual(plan, "BV212", 2025, 2).value is None


def test_a_good_xlsx_imports(client, plan, almo_staff):
    client.force_login(almo_staff)
    rows = [
        ["RP02(1)", 2025, 1, 450, 500, None, None, None, None, None],
        [
            "RP02(1)",
            2025,
            2,
            400.0,
            500.0,
            None,
            "Fewer on time",
            "Crews off sick",
            "Agency crews",
            dt.date(2027, 3, 31),
        ],
        ["BV212", "2025/26", "Q1", 3100, 100],  # a year label and a quarter written as Q1 are understood
        ["LOC1", 2025, 1, None, None, 42],
    ]
    response = import_file(client, plan, xlsx_upload(rows))
    assert response.status_code == 302
    assert messages_of(response) == ["Imported 4 figures into 2 returns"]
    assert actual(plan, "RP02(1)", 2025, 2).value == Decimal("80.0")
    assert actual(plan, "RP02(1)", 2025, 2).expected_recovery == dt.date(2027, 3, 31)
    assert actual(plan, "BV212", 2025, 1).value == Decimal("31.0")
    assert actual(plan, "LOC1", 2025, 1).value == 42


def test_an_import_updates_a_draft_return_already_started(client, plan, almo_staff):
    return_record = services.return_open(actor=almo_staff, plan=plan, year=2025, quarter=1)
    client.force_login(almo_staff)
    response = upload(client, plan, csv_upload(["RP02(1),2025,1,450,500"], header=HEADER))
    assert response.status_code == 302, _problems(response)
    assert "Existing return" in client.get(response.url).content.decode()
    response = client.post(response.url)
    assert messages_of(response) == ["Imported 1 figure into 1 return"]
    assert Return.objects.filter(plan=plan).count() == 1
    assert actual(plan, "RP02(1)", 2025, 1).return_record == return_record
    assert actual(plan, "RP02(1)", 2025, 1).value == Decimal("90.0")


# Bad rows: nothing is saved --------------------------------------------------------------------

BAD_ROWS = {
    "unknown indicator": ("XX99,2025,3,1,2", "indicator_code", "There is no indicator with the code XX99."),
    "indicator not in the plan": ("TP05,2025,4,1,2", "indicator_code", "TP05 is not one of this plan's indicators."),
    "year outside the plan": (
        "RP02(1),2031,1,1,2",
        "year",
        "2031/32 is outside the plan, which covers 2025/26 to 2027/28.",
    ),
    "year not a whole number": ("RP02(1),next year,1,1,2", "year", "Enter the year as a whole number"),
    "not a number": ("RP02(1),2025,3,lots,500", "numerator", "Enter a number, like 95.5."),
    "numerator above denominator": (
        "RP02(1),2025,3,600,500",
        "numerator",
        "The numerator (600) cannot be more than the denominator (500) for a percentage.",
    ),
    "duplicate": ("RP02(1),2025,1,440,500", "indicator_code", "RP02(1) for Q1 2025/26 is already in row 2."),
    "locked return": ("RP02(1),2026,1,450,500", "quarter", "The Q1 2026/27 return is accepted and locked."),
    "quarter 5": ("RP02(1),2025,5,1,2", "quarter", "Enter a quarter from 1 to 4; 5 is not one."),
    "denominator zero": ("RP02(1),2025,3,0,0", "denominator", "The denominator must be more than zero."),
    "annual indicator outside quarter 4": ("TP01,2025,2,800,1000", "quarter", "TP01 is reported once a year"),
    "ratio with only a value": ("RP02(1),2025,3,,,90", "value", "worked out from its numerator and denominator"),
    "ratio with commentary but no figures": (
        "RP02(1),2025,3,,,,Fewer repairs,Storms,Agency crews,2027-03-31",
        "numerator",
        "Enter the numerator and denominator for RP02(1)",
    ),
    "commentary but no value": ("LOC1,2025,3,,,,Fewer lettings,,,", "value", "Enter the value for LOC1."),
    "count not whole": ("LOC1,2025,3,,,4.5", "value", "A count must be a whole number."),
    "decimal comma": ('BV212,2025,3,"95,5",1', "numerator", "Use a full stop for decimals"),
    "too many decimal places": ("BV212,2025,3,1.00001,1", "numerator", "no more than 4 decimal places"),
    "too large to store": ("LOC1,2025,3,,,99999999999", "value", "Enter a number smaller than 10,000,000,000."),
    "bad date": ("RP02(1),2025,3,1,2,,a,b,c,31/02/2026", "expected_recovery", "Enter the date as 2026-03-31"),
}


@pytest.mark.parametrize("case", BAD_ROWS, ids=list(BAD_ROWS))
def test_one_bad_row_among_good_ones_saves_nothing(client, plan, almo_staff, council_officer, case):
    if case == "locked return":
        accept_return(plan, almo_staff, council_officer, 2026, 1)
    line, column, message = BAD_ROWS[case]
    before = saved_state()
    client.force_login(almo_staff)

    response = upload(client, plan, csv_upload([*GOOD_ROWS, line]))

    assert response.status_code == 200
    errors = [(e.row, e.column) for e in response.context["row_errors"]]
    assert errors == [(7, column)], response.context["row_errors"]
    assert message in response.context["row_errors"][0].message
    page = response.content.decode()
    assert "There is a problem" in page and "1 row in the file has problems. Nothing has been imported." in page
    assert '<th scope="row" class="govuk-table__header govuk-table__header--numeric">7</th>' in page
    assert f"<code>{column}</code>" in page
    assert saved_state() == before
    assert not [key for key in client.session.keys() if key.startswith("actuals_import")]


def test_every_bad_row_is_reported_at_once(client, plan, almo_staff):
    client.force_login(almo_staff)
    lines = [BAD_ROWS[case][0] for case in ("unknown indicator", "year outside the plan", "quarter 5")]
    response = upload(client, plan, csv_upload([*GOOD_ROWS, *lines]))
    assert [(e.row, e.column) for e in response.context["row_errors"]] == [
        (7, "indicator_code"),
        (8, "year"),
        (9, "quarter"),
    ]
    assert "3 rows in the file have problems." in response.content.decode()
    assert saved_state() == (0, 0, 0)


def test_a_return_locked_after_the_preview_stops_the_whole_import(client, plan, almo_staff, council_officer):
    client.force_login(almo_staff)
    services.return_open(actor=almo_staff, plan=plan, year=2025, quarter=1)
    response = upload(client, plan, csv_upload(["RP02(1),2025,2,450,500", "RP02(1),2025,1,450,500"]))
    assert response.status_code == 302
    preview_url = response.url
    accept_return(plan, almo_staff, council_officer, 2025, 2)  # someone finishes Q2 meanwhile
    before = saved_state()

    response = client.post(preview_url)

    assert response.status_code == 200
    assert [(e.row, e.column) for e in response.context["row_errors"]] == [(2, "quarter")]
    assert "The Q2 2025/26 return is accepted and locked." in response.content.decode()
    assert saved_state() == before
    assert actual(plan, "RP02(1)", 2025, 1).value is None


def test_a_failure_while_saving_rolls_back_returns_already_started(client, plan, almo_staff, monkeypatch):
    client.force_login(almo_staff)
    response = upload(client, plan, csv_upload(GOOD_ROWS))
    real_save = services.return_save

    def failing_save(*, actor, return_record, rows):
        if return_record.quarter == 4:  # the last of the three returns
            return [services.RowError("TP01", "numerator", "Something went wrong.")]
        return real_save(actor=actor, return_record=return_record, rows=rows)

    monkeypatch.setattr(services, "return_save", failing_save)
    response = client.post(response.url)
    assert response.status_code == 200
    assert [(e.row, e.column, e.message) for e in response.context["row_errors"]] == [
        (6, "numerator", "Something went wrong.")
    ]
    assert saved_state() == (0, 0, 0)


# Whole-file problems ---------------------------------------------------------------------------

XLSX_BYTES = xlsx_upload([]).read()


def _zip_of_text():
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        archive.writestr("notes.txt", "not a workbook")
    return output.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("figures.txt", HEADER.encode(), "The selected file must be a CSV file or an Excel workbook (.xlsx)."),
        ("figures.xlsx", HEADER.encode(), "The selected file is not a real Excel workbook."),
        ("figures.xlsx", _zip_of_text(), "could not be opened as an Excel workbook"),
        ("figures.xls", b"\xd0\xcf\x11\xe0", "older Excel file (.xls)"),
        ("figures.csv", XLSX_BYTES, "is an Excel workbook, not a CSV file"),
        ("figures.csv", (HEADER + "\nLOC1,2025,1,,,4,Café\n").encode("latin-1"), "not a UTF-8 CSV file"),
        ("figures.csv", (HEADER + "\n").encode("utf-16"), "saved as UTF-16 text"),
        ("figures.csv", b"\x00\x01\x02binary", "contains binary data"),
        ("figures.csv", b"", "The selected file is empty."),
        ("figures.csv", HEADER.encode() + b"\n", "The file has no figures under the column headings."),
        ("figures.csv", b"\nRP02(1),2025,1", "The first row of the file must be the column headings."),
        (
            "figures.csv",
            b"indicator_code,year,colour,numerator\nRP02(1),2025,red,1",
            "The file has columns the import does not recognise: colour.",
        ),
        (
            "figures.csv",
            b"indicator_code,year,numerator\nRP02(1),2025,1",
            "The file is missing these columns: quarter.",
        ),
        ("figures.csv", b"indicator_code,year,quarter\nRP02(1),2025,1,450", "Row 2 has more values than there are"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_with_a_message(client, plan, almo_staff, name, content, message):
    client.force_login(almo_staff)
    response = upload(client, plan, SimpleUploadedFile(name, content))
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["file"])
    assert message in errors
    assert message.split(":")[0] in response.content.decode()
    assert saved_state() == (0, 0, 0)


def test_no_file_chosen(client, plan, almo_staff):
    client.force_login(almo_staff)
    response = client.post(import_url(plan), {})
    assert "Select a CSV or Excel file to import." in response.content.decode()


def test_size_and_row_limits(client, plan, almo_staff, monkeypatch):
    client.force_login(almo_staff)
    monkeypatch.setattr(imports, "MAX_ROWS", 2)
    response = upload(client, plan, csv_upload(GOOD_ROWS))
    assert "The file has more than 2 rows of figures." in response.context["form"].errors["file"][0]
    monkeypatch.setattr(spreadsheets, "MAX_UNPACKED_BYTES", 1000)  # a small workbook that unpacks into a huge one
    response = upload(client, plan, xlsx_upload([["RP02(1)", 2025, 1, 450, 500]]))
    assert "The Excel workbook is too large to read." in response.context["form"].errors["file"][0]
    monkeypatch.setattr(imports, "MAX_BYTES", 100)
    response = upload(client, plan, csv_upload(GOOD_ROWS))
    assert response.context["form"].errors["file"] == ["The selected file must be smaller than 5 MB."]


# Templates -------------------------------------------------------------------------------------


def test_the_csv_template_has_the_headings_the_import_expects_and_round_trips(client, plan, almo_staff):
    client.force_login(almo_staff)
    response = client.get(template_url(plan, "csv"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment; filename=")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == list(imports.COLUMNS)
    # The quarter to fill in is the plan's first, as it has no returns; TP01 is annual, so not due in Q1.
    assert sorted((row[0], row[1], row[2]) for row in rows[1:]) == [
        ("BV212", "2025", "1"),
        ("LOC1", "2025", "1"),
        ("RP02(1)", "2025", "1"),
    ]
    assert all(cell == "" for row in rows[1:] for cell in row[3:])

    figures = {
        "RP02(1)": ("450", "500", ""),
        "BV212": ("3100", "100", ""),
        "LOC1": ("", "", "42"),
        "TP01": ("8", "10", ""),
    }
    for row in rows[1:]:
        row[3:6] = figures[row[0]]
    output = io.StringIO()
    csv.writer(output).writerows(rows)
    response = import_file(client, plan, SimpleUploadedFile("filled.csv", output.getvalue().encode()))
    assert messages_of(response) == ["Imported 3 figures into 1 return"]
    assert actual(plan, "RP02(1)", 2025, 1).value == Decimal("90.0")


def test_the_template_is_for_the_quarter_being_filled_in(client, plan, almo_staff, council_officer):
    accept_return(plan, almo_staff, council_officer, 2025, 1)
    client.force_login(almo_staff)
    rows = list(csv.reader(io.StringIO(client.get(template_url(plan, "csv")).content.decode("utf-8-sig"))))
    assert {(row[1], row[2]) for row in rows[1:]} == {("2025", "2")}


def test_the_xlsx_template_has_the_headings_and_indicator_names_and_round_trips(client, plan, almo_staff):
    client.force_login(almo_staff)
    response = client.get(template_url(plan, "xlsx"))
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"].startswith("attachment; filename=")
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.worksheets[0]
    assert [cell.value for cell in sheet[1]] == list(imports.COLUMNS)
    names = {row[0]: row[1] for row in workbook["Indicators"].iter_rows(min_row=2, values_only=True) if row[0]}
    assert names["RP02(1)"].startswith("Non-emergency responsive repairs")

    for row in sheet.iter_rows(min_row=2):
        if row[0].value == "LOC1":
            row[5].value = 42
        else:
            row[3].value, row[4].value = 45, 50
    output = io.BytesIO()
    workbook.save(output)
    response = import_file(client, plan, SimpleUploadedFile("filled.xlsx", output.getvalue()))
    assert messages_of(response) == ["Imported 3 figures into 1 return"]
    assert actual(plan, "RP02(1)", 2025, 1).value == Decimal("90.0")


def test_templates_neutralise_text_that_a_spreadsheet_would_run(client, plan, almo_staff):
    risky = Indicator.objects.create(
        council=plan.almo.council,
        code="=HYPERLINK(1)",
        name="@SUM(1+1)",
        definition="A name chosen to test formula injection.",
        unit="count",
        polarity="higher",
    )
    PlanIndicator.objects.create(plan=plan, indicator=risky)
    client.force_login(almo_staff)
    text = client.get(template_url(plan, "csv")).content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in text and "\n=HYPERLINK" not in text
    workbook = load_workbook(io.BytesIO(client.get(template_url(plan, "xlsx")).content))
    codes = [row[0] for row in workbook["Figures"].iter_rows(min_row=2, values_only=True)]
    assert "'=HYPERLINK(1)" in codes
    assert "'@SUM(1+1)" in [row[1] for row in workbook["Indicators"].iter_rows(values_only=True)]
    assert neutralise("-1") == "'-1" and neutralise("\tx") == "'\tx" and neutralise(5) == 5


def test_an_unknown_template_format_is_404(client, plan, almo_staff):
    client.force_login(almo_staff)
    assert client.get(template_url(plan, "pdf")).status_code == 404


# Who may import --------------------------------------------------------------------------------


def _import_pages(plan):
    return [
        import_url(plan),
        template_url(plan, "csv"),
        template_url(plan, "xlsx"),
        reverse("delivery_plans:actuals_import_preview", kwargs={"pk": plan.pk, "token": "abc"}),
    ]


@pytest.mark.parametrize("who", ["council_officer", "board_member", "sibling_staff", "other_staff", "superuser"])
def test_only_the_almos_own_staff_can_import(client, plan, request, who):
    client.force_login(request.getfixturevalue(who))
    for url in _import_pages(plan):
        assert client.get(url).status_code == 404, url
    assert upload(client, plan, csv_upload(GOOD_ROWS)).status_code == 404
    assert saved_state() == (0, 0, 0)


def test_the_service_refuses_a_council_officer_too(plan, council_officer):
    with pytest.raises(PermissionDenied):
        imports.apply_import(actor=council_officer, plan=plan, valid_rows=[])


def test_anonymous_is_sent_to_sign_in(client, plan):
    response = client.get(import_url(plan))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_a_plan_not_in_force_cannot_take_an_import(client, almo, almo_staff):
    draft = DeliveryPlan.objects.create(almo=almo, title="Next plan", first_year=2028, last_year=2030)
    client.force_login(almo_staff)
    assert "only once both the council and the ALMO have signed the plan off" in (
        client.get(import_url(draft)).content.decode()
    )
    response = upload(client, draft, csv_upload(GOOD_ROWS))
    assert "Figures can be imported only into a plan in force." in response.content.decode()
    assert saved_state() == (0, 0, 0)


# Preview tokens --------------------------------------------------------------------------------


def test_a_stale_or_used_token_gets_a_clear_message_and_saves_nothing(client, plan, almo_staff):
    client.force_login(almo_staff)
    stale = reverse("delivery_plans:actuals_import_preview", kwargs={"pk": plan.pk, "token": "not-a-real-token"})
    response = client.post(stale)
    assert response.status_code == 302 and response.url == import_url(plan)
    assert messages_of(response) == ["This import has expired or has already been used. Upload the file again."]
    assert saved_state() == (0, 0, 0)

    preview_url = upload(client, plan, csv_upload(GOOD_ROWS)).url
    assert client.post(preview_url).status_code == 302
    state = saved_state()
    response = client.post(preview_url)  # pressing confirm twice imports once
    assert response.url == import_url(plan)
    assert saved_state() == state


def test_a_token_from_another_plan_does_not_work(client, plan, almo, almo_staff):
    other_plan = DeliveryPlan.objects.create(almo=almo, title="Older plan", first_year=2022, last_year=2024)
    client.force_login(almo_staff)
    token = upload(client, plan, csv_upload(GOOD_ROWS)).url.rstrip("/").rsplit("/", 1)[1]
    wrong = reverse("delivery_plans:actuals_import_preview", kwargs={"pk": other_plan.pk, "token": token})
    for response in (client.get(wrong), client.post(wrong)):
        assert response.status_code == 302 and response.url == import_url(other_plan)
    assert saved_state() == (0, 0, 0)


def test_a_new_upload_replaces_the_pending_one(client, plan, almo_staff):
    client.force_login(almo_staff)
    first = upload(client, plan, csv_upload(GOOD_ROWS)).url
    second = upload(client, plan, csv_upload(GOOD_ROWS[:1])).url
    assert client.get(first).status_code == 302
    assert client.get(second).status_code == 200


def test_template_lines_left_empty_are_skipped(client, plan, almo_staff):
    client.force_login(almo_staff)
    response = upload(client, plan, csv_upload([*GOOD_ROWS, "BV212,2025,3,,,,,,,", "RP02(1),2025,3,,,,,,,"]))
    assert response.status_code == 302, response.context and response.context.get("row_errors")
    preview = client.get(response.url)
    assert len(preview.context["lines"]) == len(GOOD_ROWS)


def test_a_file_of_empty_lines_says_there_is_nothing_to_import(client, plan, almo_staff):
    client.force_login(almo_staff)
    response = upload(client, plan, csv_upload(["BV212,2025,3,,,,,,,"]))
    assert "No row has any figures" in response.content.decode()


# Crafted workbooks, through the upload page -----------------------------------------------------


def test_formulas_with_no_saved_values_are_refused_by_name_not_skipped(client, plan, almo_staff):
    """A 2-row file of formulas no spreadsheet has calculated once previewed as "save 1 figure"."""
    client.force_login(almo_staff)
    rows = [["RP02(1)", 2025, 1, "=400+50", "=500"], ["BV212", 2025, 1, 2500, 100]]
    response = upload(client, plan, xlsx_upload(rows))
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "Cells D2 and E2 hold formulas with no saved values. "
        "Open the file in Excel, save it, and upload it again, or type the figures in."
    ]
    assert not Actual.objects.filter(value__isnull=False).exists()


def test_a_workbook_of_six_million_cells_in_one_row_is_refused(client, plan, almo_staff):
    from tests.core.test_spreadsheets import one_wide_row_xlsx

    client.force_login(almo_staff)
    content = one_wide_row_xlsx()
    response = upload(client, plan, SimpleUploadedFile("figures.xlsx", content, content_type=XLSX))
    assert response.context["form"].errors["file"][0].startswith("Row 1 has more than 1,000 cells.")
