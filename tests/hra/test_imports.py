"""Importing budget lines and spend from CSV and Excel: all or nothing, each problem named by row and column."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from hra.models import HraLine
from tests.hra.conftest import make_line

pytestmark = pytest.mark.django_db
D = Decimal
HEADER = "Category,Line,Held by,Budget,Forecast Q1,Forecast Q2,Forecast Q3,Outturn,Commentary\n"


def _csv(text: str, name="lines.csv"):
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def _upload(client, hra_year, upload):
    return client.post(reverse("hra:lines_import", args=[hra_year.pk]), {"file": upload})


def test_a_council_officer_imports_lines_from_csv(client, council_officer, hra_year, almo):
    client.force_login(council_officer)
    text = HEADER + (
        'Dwelling rents,Rents,Council,"10,000,000",,,,,\n'
        "management-fee,Management fee,Northmoor Homes,3000000.50,,,,,\n"
        "Repairs and maintenance,Repairs,northmoor-homes,2500000,2490000,,,,\n"
        'Total,,,"15,500,000.50",,,,,\n'
    )
    response = _upload(client, hra_year, _csv(text))
    assert response.status_code == 302
    lines = {line.name: line for line in HraLine.objects.all()}
    assert set(lines) == {"Rents", "Management fee", "Repairs"}
    assert lines["Management fee"].holder == almo and lines["Management fee"].budget == D("3000000.50")
    assert lines["Repairs"].forecast_q1 == D(2490000) and lines["Rents"].holder is None


def test_an_xlsx_file_imports_too_and_updates_lines_by_name(client, council_officer, hra_year):
    make_line(hra_year, "dwelling-rents", "Rents", "1")
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER.strip().split(","))
    sheet.append(["Dwelling rents", "Rents", None, 9500000])
    buffer = io.BytesIO()
    workbook.save(buffer)
    client.force_login(council_officer)
    upload = SimpleUploadedFile("lines.xlsx", buffer.getvalue())
    assert _upload(client, hra_year, upload).status_code == 302
    assert HraLine.objects.get().budget == D(9500000)


def test_problems_are_named_by_row_and_column_and_nothing_is_saved(client, council_officer, hra_year):
    client.force_login(council_officer)
    text = HEADER + (
        "Dwelling rents,Rents,,10000000,,,,,\n"
        "Lottery winnings,Luck,,5,,,,,\n"
        "Repairs and maintenance,Repairs,Elsewhere Homes,-20,,,,,\n"
        "Repairs and maintenance,Rents,,12.345,,,,,\n"
        "Total,,,999,,,,,\n"
    )
    response = _upload(client, hra_year, _csv(text))
    assert response.status_code == 400
    errors = {(e.row, e.column): e.message for e in response.context["row_errors"]}
    assert "'Lottery winnings' is not a line category" in errors[(3, "Category")]
    assert "not one of the council's ALMOs" in errors[(4, "Held by")]
    assert "cannot be negative" in errors[(4, "Budget")]
    assert "2 decimal places" in errors[(5, "Budget")]
    assert "also in row 2" in errors[(5, "Line")]
    assert "the lines add up to" in errors[(6, "Budget")]
    assert "Nothing has been imported" in response.content.decode()
    assert not HraLine.objects.exists()


def test_a_rule_broken_while_saving_saves_nothing(client, council_officer, hra_year):
    client.force_login(council_officer)
    text = HEADER + "Dwelling rents,Rents,,100,,,,,\nRepairs and maintenance,Repairs,,100,150,,,,\n"
    response = _upload(client, hra_year, _csv(text))
    assert response.status_code == 400
    errors = {(e.row, e.column): e.message for e in response.context["row_errors"]}
    assert "red against the budget" in errors[(3, "Commentary")]
    assert not HraLine.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("lines.txt", b"x", "must be a CSV file or an Excel workbook"),
        ("lines.csv", b"Line,Budget\nRents,1\n", "Missing: Category"),
        ("lines.csv", (HEADER.strip() + ",Colour\n").encode(), "Unknown column 'Colour'"),
        ("lines.csv", HEADER.encode(), "no rows of figures"),
        ("lines.xls", b"x", "older Excel file"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused(client, council_officer, hra_year, name, content, message):
    client.force_login(council_officer)
    response = _upload(client, hra_year, SimpleUploadedFile(name, content))
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors["file"])


def test_the_almo_imports_its_spend(client, almo_staff, programme):
    client.force_login(almo_staff)
    text = 'Quarter,Actual spend,Sustainability spend,Commentary\nQ1,"205,000",5000,\n2,260000,,\n'
    response = client.post(reverse("hra:spend_import", args=[programme.pk]), {"file": _csv(text, "spend.csv")})
    assert response.status_code == 302
    assert [q.spend for q in programme.quarters.all()] == [D(205000), D(260000), None, None]


def test_spend_problems_save_nothing(client, almo_staff, programme):
    client.force_login(almo_staff)
    text = "Quarter,Actual spend,Sustainability spend\nQ1,200000,300000\nQ5,1,\nQ1,,\n"
    response = client.post(reverse("hra:spend_import", args=[programme.pk]), {"file": _csv(text, "spend.csv")})
    assert response.status_code == 400
    errors = {(e.row, e.column): e.message for e in response.context["row_errors"]}
    assert "cannot be more than it" in errors[(2, "Sustainability spend")]
    assert "Q1 to Q4" in errors[(3, "Quarter")]
    assert "also in row 2" in errors[(4, "Quarter")]
    assert "Enter the actual spend" in errors[(4, "Actual spend")]
    assert not programme.quarters.filter(spend__isnull=False).exists()


def test_imports_are_for_the_right_side_only(client, almo_staff, council_officer, hra_year, programme):
    client.force_login(almo_staff)
    assert client.get(reverse("hra:lines_import", args=[hra_year.pk])).status_code == 404
    client.force_login(council_officer)
    assert client.get(reverse("hra:spend_import", args=[programme.pk])).status_code == 404
