"""On the demo data: a token made in the portal pulls the year's export, and the quartiles match a hand calculation.

The demo's 2025/26 year-end figures (accepted Q4 returns), from `delivery_plans.demo`:
  TP01 overall satisfaction, higher is better: Ashby Vale 67.0, Kelworth 72.0, Harrowfield South 75.9,
    Harrowfield Central 77.0, Harrowfield North 77.6.
  BV212 re-let days, lower is better: Harrowfield South 28.1, Central 28.7, Kelworth 30.8, Ashby Vale 30.9,
    Harrowfield North 41.5.
"""

import csv
import io
import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from openpyxl import load_workbook

from benchmarking import demo as benchmarking_demo
from delivery_plans import demo as delivery_plans_demo
from organisations import demo as organisations_demo

EXPORT = reverse("api:export-benchmarking")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo, loaded once for this module inside a transaction that is rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        organisations_demo.load()
        delivery_plans_demo.load()
        benchmarking_demo.load()
        benchmarking_demo.load()  # a second run changes nothing
        yield
        transaction.set_rollback(True)


def _token_from_the_portal(client, username) -> dict:
    client.force_login(get_user_model().objects.get(username=username))
    page = client.post(reverse("api_access:token_create"), {"name": "Benchmarking club", "days": 30})
    client.logout()
    secret = re.search(r">(ap_[^<]+)</textarea>", page.content.decode())[1]
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def _by_almo(rows, code):
    return {
        row["organisation_code"]: (row["value"], row["quartile_position"], row["rank"], row["peer_count"])
        for row in rows
        if row["indicator_code"] == code
    }


def test_a_portal_token_pulls_the_years_export_in_every_format(demo, db, client):
    token = _token_from_the_portal(client, "council.officer")
    params = {"period": "2025/26", "peer_group": "all-almos"}
    rows = json.loads(b"".join(client.get(EXPORT, {**params, "format": "json"}, **token).streaming_content))
    # All ALMOs: 67.0, 72.0, 75.9, 77.0, 77.6. With five values the quartiles fall on values:
    # Q1 at position 1 = 72.0, median at 2 = 75.9, Q3 at 3 = 77.0.
    tp01 = [row for row in rows if row["indicator_code"] == "TP01"]
    assert {(row["lower_quartile"], row["median"], row["upper_quartile"]) for row in tp01} == {(72, 75.9, 77)}
    assert _by_almo(rows, "TP01") == {
        "harrowfield-north-homes": (77.6, 1, 1, 5),
        "harrowfield-central-homes": (77, 1, 2, 5),
        "harrowfield-south-homes": (75.9, 2, 3, 5),
    }  # Kelworth's and Ashby Vale's rows belong to other councils: counted, never shown
    assert {row["data_status"] for row in rows} == {"accepted"}

    as_csv = b"".join(client.get(EXPORT, params, **token).streaming_content).decode()
    assert len(list(csv.DictReader(io.StringIO(as_csv)))) == len(rows)
    xlsx = client.get(EXPORT, {**params, "format": "xlsx"}, **token)
    assert xlsx.status_code == 200
    assert load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active.max_row == len(rows) + 1


def test_small_peer_groups_interpolate_as_by_hand(demo, db, client):
    token = _token_from_the_portal(client, "council.officer")
    small = json.loads(
        b"".join(
            client.get(
                EXPORT,
                {"period": "2025/26", "peer_group": "small-and-medium-almos", "indicator": "TP01", "format": "json"},
                **token,
            ).streaming_content
        )
    )
    # Small and medium ALMOs: Ashby Vale 67.0, South 75.9, Central 77.0. Positions 0.5, 1 and 1.5:
    # Q1 = 67.0 + 0.5 x (75.9 - 67.0) = 71.45; median 75.9; Q3 = 75.9 + 0.5 x (77.0 - 75.9) = 76.45.
    assert {(row["lower_quartile"], row["median"], row["upper_quartile"]) for row in small} == {(71.45, 75.9, 76.45)}
    assert _by_almo(small, "TP01") == {
        "harrowfield-central-homes": (77, 1, 1, 3),
        "harrowfield-south-homes": (75.9, 2, 2, 3),
    }
    yorkshire = json.loads(
        b"".join(
            client.get(
                EXPORT,
                {"period": "2025", "peer_group": "yorkshire-and-the-humber", "indicator": "BV212", "format": "json"},
                **token,
            ).streaming_content
        )
    )
    # BV212, lower is better: 28.1, 28.7, 41.5. Q1 = 28.1 + 0.5 x 0.6 = 28.4; median 28.7; Q3 = 28.7 + 0.5 x 12.8
    # = 35.1. South (28.1) is in the best quarter, North (41.5) in the worst.
    assert {(row["lower_quartile"], row["median"], row["upper_quartile"]) for row in yorkshire} == {(28.4, 28.7, 35.1)}
    assert _by_almo(yorkshire, "BV212") == {
        "harrowfield-south-homes": (28.1, 1, 1, 3),
        "harrowfield-central-homes": (28.7, 2, 2, 3),
        "harrowfield-north-homes": (41.5, 4, 3, 3),
    }


def test_each_almos_token_sees_only_its_own_rows(demo, db, client):
    for username, slug in (("ashby.staff", "ashby-vale-homes"), ("north.staff", "harrowfield-north-homes")):
        rows = json.loads(
            b"".join(
                client.get(EXPORT, {"format": "json"}, **_token_from_the_portal(client, username)).streaming_content
            )
        )
        assert rows and {row["organisation_code"] for row in rows} == {slug}
