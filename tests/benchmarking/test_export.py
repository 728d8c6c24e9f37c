"""The benchmarking export: rows, quartiles against a hand calculation, privacy, formats and neutralised cells."""

import csv
import io
import json
from decimal import Decimal

import pytest
from django.http import StreamingHttpResponse
from django.urls import reverse
from openpyxl import load_workbook

from benchmarking.models import PeerGroup
from benchmarking.selectors import COLUMNS
from core.spreadsheet_cells import neutralise
from delivery_plans.models import Indicator, Return
from organisations.access import Role
from tests.api.records import bearer, make_plan, make_return
from tests.factories import AlmoFactory, user_with_role

EXPORT = reverse("api:export-benchmarking")
ACCEPTED, SUBMITTED, DRAFT = Return.Status.ACCEPTED, Return.Status.SUBMITTED, Return.Status.DRAFT


@pytest.fixture
def peers(almo, sibling_almo, other_almo):
    """Six ALMOs with accepted 2025/26 figures.

    RP02(1), higher is better: 70 (almo), 95 (sibling), 60 (other), then 65, 75 and 80.
      Sorted 60, 65, 70, 75, 80, 95: Q1 66.25, median 72.5, Q3 78.75 (see test_quartiles).
    BV212, lower is better, days: 25 (almo), 20 (sibling), 40 (other), 30, 35; the sixth reports none.
      Sorted 20, 25, 30, 35, 40: Q1 25, median 30, Q3 35.
    A seventh ALMO's RP02(1) of 99 is submitted, not accepted: it must not count.
    """
    rest = [AlmoFactory(homes_managed=homes) for homes in (12000, 15000, 20000)]
    figures = [
        (almo, ("350", "500"), ("2500", "100")),
        (sibling_almo, ("950", "1000"), ("2000", "100")),
        (other_almo, ("600", "1000"), ("4000", "100")),
        (rest[0], ("650", "1000"), ("3000", "100")),
        (rest[1], ("750", "1000"), ("3500", "100")),
        (rest[2], ("800", "1000"), None),
    ]
    plans = {}
    for owner, rp02, bv212 in figures:
        plans[owner.pk] = plan = make_plan(owner, codes=("RP02(1)", "BV212"))
        make_return(plan, 2025, 4, ACCEPTED, {"RP02(1)": rp02, **({"BV212": bv212} if bv212 else {})})
    late = AlmoFactory(homes_managed=3000)
    make_return(make_plan(late, codes=("RP02(1)",)), 2025, 4, SUBMITTED, {"RP02(1)": ("99", "100")})
    PeerGroup.objects.create(name="All ALMOs", slug="all-almos", kind=PeerGroup.Kind.ALL)
    return {"plans": plans, "late": late}


def _rows(client, headers, **params) -> list[dict]:
    response = client.get(EXPORT, {"format": "json", **params}, **headers)
    assert response.status_code == 200, response.content
    return json.loads(b"".join(response.streaming_content))


def _row(rows, organisation, code):
    (row,) = [r for r in rows if r["organisation_code"] == organisation.slug and r["indicator_code"] == code]
    return row


def test_quartiles_ranks_and_positions_match_the_hand_calculation(client, peers, almo, almo_staff):
    rows = _rows(client, bearer(almo_staff), period="2025/26")
    assert _row(rows, almo, "RP02(1)") == {
        "organisation_code": almo.slug,
        "organisation_name": "Northmoor Homes",
        "council_code": almo.council.ons_code,
        "council_name": "Northmoor Council",
        "peer_group": "All ALMOs",
        "indicator_code": "RP02(1)",
        "indicator_name": Indicator.objects.get(council=None, code="RP02(1)").name,
        "period": "2025/26",
        "value": 70,
        "numerator": 350,
        "denominator": 500,
        "unit": "percentage",
        "polarity": "higher",
        "quartile_position": 3,  # 66.25 <= 70 < 72.5
        "rank": 4,  # behind 95, 80 and 75
        "peer_count": 6,  # the submitted 99 is not counted
        "lower_quartile": 66.25,
        "median": 72.5,
        "upper_quartile": 78.75,
        "data_status": "accepted",
    }
    bv212 = _row(rows, almo, "BV212")
    assert (bv212["lower_quartile"], bv212["median"], bv212["upper_quartile"]) == (25, 30, 35)
    assert (bv212["quartile_position"], bv212["rank"], bv212["peer_count"]) == (1, 2, 5)  # lower is better


def test_an_almos_token_never_sees_another_almos_rows(client, peers, almo, sibling_almo, almo_staff, sibling_staff):
    rows = _rows(client, bearer(almo_staff))
    assert {row["organisation_code"] for row in rows} == {almo.slug}
    assert len(rows) == 2
    sibling_rows = _rows(client, bearer(sibling_staff))
    assert {row["organisation_code"] for row in sibling_rows} == {sibling_almo.slug}
    assert _row(sibling_rows, sibling_almo, "RP02(1)")["rank"] == 1


def test_a_council_officer_sees_its_own_almos(client, peers, almo, sibling_almo, council_officer):
    rows = _rows(client, bearer(council_officer))
    assert {row["organisation_code"] for row in rows} == {almo.slug, sibling_almo.slug}


def test_a_provisional_figure_shows_in_its_own_row_only(client, peers):
    late = peers["late"]
    staff = user_with_role(Role.ALMO_STAFF, late, username="late.staff")
    (row,) = _rows(client, bearer(staff), period="2025")
    assert row["data_status"] == "provisional"
    assert (row["value"], row["quartile_position"], row["rank"], row["peer_count"]) == (99, 1, None, 6)
    assert row["median"] == 72.5  # the peers' statistics, without it


def test_drafts_are_left_out(client, peers, almo, almo_staff):
    make_return(peers["plans"][almo.pk], 2026, 1, DRAFT, {"RP02(1)": ("1", "2")})
    assert {row["period"] for row in _rows(client, bearer(almo_staff))} == {"2025/26"}


def test_periods_quarters_indicators_and_peer_groups_filter_the_rows(client, peers, almo, almo_staff):
    make_return(peers["plans"][almo.pk], 2025, 2, ACCEPTED, {"RP02(1)": ("40", "50"), "BV212": ("250", "10")})
    headers = bearer(almo_staff)
    assert {row["period"] for row in _rows(client, headers)} == {"2025/26", "2025/26-Q2"}
    (quarter,) = _rows(client, headers, period="2025-Q2", indicator="RP02(1)")
    assert (quarter["period"], quarter["value"], quarter["peer_count"], quarter["quartile_position"]) == (
        "2025/26-Q2",
        80,
        1,
        None,  # a single peer figure: too few to show quartiles without giving it away
    )
    assert {row["period"] for row in _rows(client, headers, period="2025-Q4")} == {"2025/26"}
    PeerGroup.objects.create(name="Large", slug="large", kind=PeerGroup.Kind.STOCK_SIZE, min_homes=10000)
    assert _rows(client, headers, peer_group="large") == []  # Northmoor Homes manages 5,000 homes


def test_csv_json_and_xlsx_carry_the_same_rows(client, peers, almo_staff):
    headers = bearer(almo_staff)
    as_json = _rows(client, headers, period="2025/26")
    response = client.get(EXPORT, {"period": "2025/26"}, **headers)
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="benchmarking-all-almos-2025-26.csv"'
    as_csv = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    xlsx = client.get(EXPORT, {"period": "2025/26", "format": "xlsx"}, **headers)
    assert xlsx["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    header, *cells = list(sheet.values)
    assert list(header) == list(COLUMNS) == list(as_csv[0]) == list(as_json[0])
    assert len(as_json) == len(as_csv) == len(cells) == 2
    for row_json, row_csv, row_xlsx in zip(as_json, as_csv, cells, strict=True):
        assert row_csv["rank"] == str(row_json["rank"])
        assert Decimal(row_csv["median"]) == Decimal(str(row_json["median"])) == Decimal(str(row_xlsx[17]))
        assert row_xlsx[0] == row_json["organisation_code"]


def test_the_accept_header_chooses_the_format_too(client, peers, almo_staff):
    response = client.get(EXPORT, HTTP_ACCEPT="application/json", **bearer(almo_staff))
    assert response["Content-Type"] == "application/json"


@pytest.mark.parametrize(
    "text, safe",
    [
        ("=1+1", "'=1+1"),
        ("+44 1234", "'+44 1234"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTab", "'\tTab"),
        ("\rReturn", "'\rReturn"),
        ("Plain text", "Plain text"),
        ("Cost = 5", "Cost = 5"),
    ],
)
def test_cells_that_would_be_formulas_are_neutralised(text, safe):
    assert neutralise(text) == safe


def test_formulas_in_names_are_neutralised_in_csv_and_xlsx_but_json_is_exact(client, peers, almo, almo_staff):
    indicator = Indicator.objects.create(
        council=almo.council,
        code="@L1",
        name='=HYPERLINK("http://example.invalid","Click")',
        definition="A local measure.",
        unit="count",
        polarity="higher",
    )
    plan = peers["plans"][almo.pk]
    plan.plan_indicators.create(indicator=indicator)
    return_record = plan.returns.get(year=2025, quarter=4)
    return_record.actuals.create(plan_indicator=plan.plan_indicators.get(indicator=indicator), value=Decimal("-3"))
    headers = bearer(almo_staff)
    params = {"indicator": "@L1", "period": "2025/26"}
    (row,) = csv.DictReader(io.StringIO(b"".join(client.get(EXPORT, params, **headers).streaming_content).decode()))
    assert (row["indicator_code"], row["indicator_name"]) == ("'@L1", "'" + indicator.name)
    assert row["value"] == "-3"  # a number, not text: left alone
    xlsx = client.get(EXPORT, {**params, "format": "xlsx"}, **headers)
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    cells = list(sheet.iter_rows(min_row=2))[0]
    assert [cells[5].value, cells[6].value] == ["'@L1", "'" + indicator.name]
    assert cells[6].data_type == "s" and cells[8].value == -3
    (exact,) = _rows(client, headers, **params)
    assert exact["indicator_name"] == indicator.name


def test_one_read_and_two_reads_give_the_same_rows(client, peers, almo, almo_staff, superuser):
    """A superuser sees the whole group, so the peers' figures come from its own rows; ALMO staff read them apart."""
    mine = _rows(client, bearer(almo_staff))
    everyone = _rows(client, bearer(superuser))
    assert len(everyone) > len(mine)
    assert [row for row in everyone if row["organisation_code"] == almo.slug] == mine


def test_rows_come_in_the_natural_order_of_codes(client, peers, almo, almo_staff):
    """BV63 before BV164, as on every other surface: never the order the library happened to be loaded in."""
    codes = [row["indicator_code"] for row in _rows(client, bearer(almo_staff))]
    from core.text import natural_sort_key

    assert codes == sorted(codes, key=natural_sort_key)
