"""Pages cost the same number of queries however many rows they show, and every page renders the demo for each role
without inline script or style (the Content-Security-Policy allows none)."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from hra import demo
from hra.models import (
    AllocationAgreement,
    DecentHomesProgramme,
    HraLine,
    HraYear,
    InvestmentPlan,
    ReprofileRequest,
    StockCondition,
)
from organisations import demo as organisations_demo
from tests.hra.conftest import make_allocation, make_line, make_programme, make_stock, make_year

pytestmark = pytest.mark.django_db
INLINE = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|\sstyle=|\son[a-z]+=", re.I)


def _grow(council, almo, start, count):
    for year in range(start, start + count):
        hra_year = make_year(council, year)
        for index in range(5):
            make_line(hra_year, "repairs", f"Repairs {index}", "1000", holder=almo, forecast_q1=1200)
        make_allocation(hra_year, almo, fee="0")
        make_programme(almo, year=year)
        make_stock(almo, year)


def _queries(client, url, django_assert_max_num_queries, limit):
    with django_assert_max_num_queries(limit):
        assert client.get(url).status_code == 200


def test_the_front_page_costs_the_same_for_many_rows(client, council, almo, council_officer, almo_staff,
                                                     django_assert_max_num_queries):  # fmt: skip
    _grow(council, almo, 2000, 2)
    for user in (council_officer, almo_staff):
        client.force_login(user)
        client.get(reverse("hra:index"))
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as few:
            client.get(reverse("hra:index"))
        _grow(council, almo, 2010 + (10 if user == almo_staff else 0), 8)
        _queries(client, reverse("hra:index"), django_assert_max_num_queries, len(few))


def test_a_year_with_many_lines_costs_the_same(client, council, almo, council_officer, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    hra_year = make_year(council, 2026)
    make_allocation(hra_year, almo, fee="0")
    for index in range(3):
        make_line(hra_year, "repairs", f"Repairs {index}", "1000", holder=almo, forecast_q1=1100, commentary="Why")
    client.force_login(council_officer)
    client.get(hra_year.get_absolute_url())
    with CaptureQueriesContext(connection) as few:
        client.get(hra_year.get_absolute_url())
    for index in range(3, 40):
        make_line(hra_year, "dwelling-rents" if index % 2 else "repairs", f"Line {index}", "1000", holder=None)
    _queries(client, hra_year.get_absolute_url(), django_assert_max_num_queries, len(few))


@pytest.fixture
def demo_loaded(db):
    organisations_demo.load()
    demo.load()


def _pages():
    urls = [reverse("hra:index"), reverse("home")]
    for model in (HraYear, HraLine, AllocationAgreement, DecentHomesProgramme, ReprofileRequest, StockCondition,
                  InvestmentPlan):  # fmt: skip
        urls += [record.get_absolute_url() for record in model.objects.order_by("pk")[:4]]
    return urls


@pytest.mark.parametrize(
    "username", ["council.officer", "north.staff", "kelworth.staff", "board.member", "observer", "ashby.officer"]
)
def test_every_page_renders_the_demo_for_each_role(client, demo_loaded, username):
    user = get_user_model().objects.get(username=username)
    client.force_login(user)
    seen = 0
    for url in _pages():
        response = client.get(url)
        assert response.status_code in (200, 404), url
        if response.status_code == 200:
            seen += 1
            body = response.content.decode()
            assert not INLINE.search(body.split("</header>", 1)[1].split("<footer", 1)[0]), url
    assert seen >= 2


def test_the_kelworth_reprofile_waits_for_the_council(client, demo_loaded):
    reprofile = ReprofileRequest.objects.get(status="proposed")
    client.force_login(get_user_model().objects.get(username="kelworth.officer"))
    page = client.get(reprofile.get_absolute_url()).content.decode()
    assert "Agree the re-profile" in page and "Two contractors went into administration" in page
    client.force_login(get_user_model().objects.get(username="north.staff"))
    assert client.get(reprofile.get_absolute_url()).status_code == 404
