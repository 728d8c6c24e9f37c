"""The council dashboard: every ALMO's lines side by side, what is outstanding with each, and the access rule."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.periods import next_period
from delivery_plans.models import Actual, Return
from tests.api.records import make_amendment, make_concern, make_plan, make_query, make_return
from tests.factories import AlmoFactory, BoardFactory

CODES = ("RP02(1)", "BV212")
ACCEPTED, SUBMITTED, DRAFT = Return.Status.ACCEPTED, Return.Status.SUBMITTED, Return.Status.DRAFT


def fill_quarters(plan, rags, statuses=(ACCEPTED, ACCEPTED, SUBMITTED), start=(2025, 1)):
    """Returns for consecutive quarters of 2025/26; `rags` gives each quarter's RP02(1) status and value."""
    year, quarter = start
    made = []
    for (rag, value), status in zip(rags, statuses, strict=True):
        record = make_return(plan, year, quarter, status, figures={"RP02(1)": value, "BV212": "20"})
        Actual.objects.filter(return_record=record, plan_indicator__indicator__code="RP02(1)").update(rag=rag)
        Actual.objects.filter(return_record=record, plan_indicator__indicator__code="BV212").update(rag="green")
        made.append(record)
        year, quarter = next_period(year, quarter)
    return made


@pytest.fixture
def scorecard_data(almo, sibling_almo, other_almo):
    plan = make_plan(almo, CODES)
    sibling_plan = make_plan(sibling_almo, CODES)
    other_plan = make_plan(other_almo, CODES)
    returns = fill_quarters(plan, [("green", "95"), ("green", "96"), ("amber", "89")])
    sibling_returns = fill_quarters(sibling_plan, [("green", "91"), ("amber", "89"), ("red", "70")])
    fill_quarters(other_plan, [("red", "10"), ("red", "11"), ("red", "12")])
    return {"plan": plan, "sibling_plan": sibling_plan, "returns": returns, "sibling_returns": sibling_returns}


def url(council, **params):
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return reverse("dashboards:council", args=[council.slug]) + (f"?{query}" if query else "")


def test_anonymous_is_sent_to_sign_in(client, council):
    for address in (reverse("dashboards:index"), url(council)):
        response = client.get(address)
        assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_index_takes_a_council_officer_straight_to_their_council(client, council, council_officer):
    client.force_login(council_officer)
    response = client.get(reverse("dashboards:index"))
    assert response.status_code == 302 and response.url == url(council)


def test_the_scorecard_puts_every_almo_side_by_side_worst_first(client, council, council_officer, scorecard_data):
    client.force_login(council_officer)
    response = client.get(url(council))
    assert response.status_code == 200
    page = response.content.decode()
    # The latest quarter with a submitted or accepted return is the default.
    assert response.context["period"] == (2025, 3)
    assert "Dashboard: Q3 2025/26" in page
    # Sibling has a red line this quarter: it comes first, in the summary and in the grid.
    assert [almo.name for almo in response.context["almos"]] == ["Northmoor East Homes", "Northmoor Homes"]
    assert "Southdale Homes" not in page
    red_line = Actual.objects.get(
        return_record=scorecard_data["sibling_returns"][2], plan_indicator__indicator__code="RP02(1)"
    )
    # One click from the dashboard to the red line's commentary.
    assert f'href="/delivery-plans/returns/{red_line.return_record_id}/#indicator-{red_line.pk}"' in page
    assert '<strong class="govuk-tag govuk-tag--red">Red</strong>' in page
    # Direction of travel in words as well as an arrow: 70 after 89 is worse, 89 after 96 is worse too.
    assert (
        "Worse than the quarter before" in page and 'aria-hidden="true" title="Worse than the quarter before"' in page
    )
    assert "The same as the quarter before" in page  # BV212 stayed at 20
    # A sparkline per cell, drawn on the server, with its figures in words.
    assert page.count('<svg class="portal-sparkline"') == 4
    assert "RP02(1), Northmoor East Homes, Q4 2023/24 to Q3 2025/26: from 91.0 to 70.0" in page
    assert "Provisional" in page  # Q3's returns are submitted, not accepted
    assert 'role="region" aria-label="Scorecard: indicators by ALMO" tabindex="0"' in page


def test_the_second_click_reaches_the_commentary(client, council_officer, council, scorecard_data):
    client.force_login(council_officer)
    page = client.get(url(council)).content.decode()
    link = re.search(r'href="(/delivery-plans/returns/\d+/)#(indicator-\d+)"', page)
    detail = client.get(link.group(1)).content.decode()
    assert f'id="{link.group(2)}"' in detail


def test_filters_by_almo_theme_and_quarter(client, council, council_officer, scorecard_data):
    client.force_login(council_officer)
    response = client.get(url(council, almo="northmoor-homes"))
    assert [almo.name for almo in response.context["almos"]] == ["Northmoor Homes"]
    response = client.get(url(council, theme="Repairs"))
    assert [row["indicator"].code for row in response.context["rows"]] == ["RP02(1)"]
    assert ("Repairs", "Repairs") in response.context["form"].fields["theme"].choices
    response = client.get(url(council, quarter="2025-Q1"))
    assert response.context["period"] == (2025, 1)
    assert "Dashboard: Q1 2025/26" in response.content.decode()
    # No red in Q1: the order falls back to the names.
    assert [almo.name for almo in response.context["almos"]] == ["Northmoor East Homes", "Northmoor Homes"]


def test_a_filter_value_not_offered_is_an_error_not_a_crash(client, council, council_officer, scorecard_data):
    client.force_login(council_officer)
    for params in ({"quarter": "2031-Q9"}, {"theme": "Nonsense"}):
        response = client.get(url(council, **params))
        assert response.status_code == 400
        assert "There is a problem" in response.content.decode()
    # Another council's ALMO, or one that does not exist, is missing.
    for slug in ("southdale-homes", "nowhere"):
        assert client.get(url(council, almo=slug)).status_code == 404


def test_outstanding_work_is_counted_and_links_to_its_list(client, council, council_officer, almo, scorecard_data):
    client.force_login(council_officer)
    plan = scorecard_data["plan"]
    make_return(plan, 2026, 3, DRAFT)  # due 30 January 2027: due, not overdue (tests' today is 20 January 2027)
    queried_line = scorecard_data["returns"][2].actuals.first()
    make_query(queried_line, council_officer)
    make_amendment(plan, council_officer)
    make_concern(plan)
    response = client.get(url(council))
    line = next(line for line in response.context["summary"] if line["almo"] == almo)
    work = line["work"]
    # Q3 2025/26's return is submitted and past its due date: overdue until the council accepts it.
    assert (work.returns_due, work.returns_overdue, work.open_queries) == (1, 1, 1)
    assert (work.open_amendments, work.open_concerns) == (1, 1)
    page = response.content.decode()
    concerns = reverse("delivery_plans:concern_list") + "?almo=northmoor-homes&amp;status=open"
    amendments = reverse("delivery_plans:amendment_list") + "?almo=northmoor-homes&amp;status=open"
    assert concerns in page and amendments in page
    assert reverse("delivery_plans:plan_detail", args=[plan.pk]) in page
    assert reverse("delivery_plans:review_queue") in page
    # The lists keep one ALMO's open records.
    listed = client.get(concerns.replace("&amp;", "&")).content.decode()
    assert "Repairs are slipping" in listed and "Northmoor Homes" in listed
    listed = client.get(amendments.replace("&amp;", "&"))
    assert [a.plan.almo_id for a in listed.context["amendments"]] == [almo.pk]


def test_another_councils_people_see_none_of_it(
    client, council, other_council_officer, other_staff, sibling_staff, scorecard_data
):
    for user in (other_council_officer, other_staff):
        client.force_login(user)
        assert client.get(url(council)).status_code == 404, user.username
        for name in ("concern_list", "amendment_list"):
            assert client.get(reverse(f"delivery_plans:{name}") + "?almo=northmoor-homes").status_code == 404
    # A sibling ALMO's staff read their council, and see only their own ALMO on its dashboard.
    client.force_login(sibling_staff)
    response = client.get(url(council))
    assert response.status_code == 200
    assert [almo.name for almo in response.context["almos"]] == ["Northmoor East Homes"]
    assert "Northmoor Homes<" not in response.content.decode()
    assert client.get(url(council, almo="northmoor-homes")).status_code == 404


def test_queries_stay_flat_as_almos_indicators_and_quarters_grow(client, council, council_officer, scorecard_data):
    client.force_login(council_officer)
    client.get(url(council))  # warm the per-process caches (content types, sessions)
    cache.clear()  # the dashboard's own cached reads: the count is of working the page out
    with CaptureQueriesContext(connection) as once:
        assert client.get(url(council)).status_code == 200
    # Three times the ALMOs, with more indicators and a longer history each.
    for number in range(4):
        extra = AlmoFactory(council=council, name=f"Extra Homes {number}", slug=f"extra-{number}")
        BoardFactory(almo=extra)
        plan = make_plan(extra, (*CODES, "BV66a", "BV63"))
        fill_quarters(
            plan, [("red", "1"), ("amber", "2"), ("green", "3")] * 2, statuses=(ACCEPTED,) * 6, start=(2024, 2)
        )
    cache.clear()
    with CaptureQueriesContext(connection) as thrice:
        response = client.get(url(council))
    assert len(response.context["almos"]) == 6
    assert len(thrice) == len(once), [q["sql"] for q in thrice.captured_queries]
    print(f"council dashboard: {len(once)} queries at 2 ALMOs, {len(thrice)} at 6")


def test_an_administrator_chooses_among_every_council(client, superuser, council, other_almo, scorecard_data):
    client.force_login(superuser)
    response = client.get(reverse("dashboards:index"))
    assert response.status_code == 200
    assert [name for name, _url, _kind in response.context["choices"]] == sorted(
        [council.name, other_almo.council.name]
    )
    response = client.get(url(other_almo.council))
    assert [almo.name for almo in response.context["almos"]] == ["Southdale Homes"]
