"""One ALMO's dashboard with its to-do list, the board dashboard in plain English, and every domain's panels."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import clock
from delivery_plans.models import Actual, Amendment, Return
from organisations.access import Party
from tests.agreements.conftest import start_intervention
from tests.api.records import make_plan, make_query, make_return
from tests.dashboards.test_council_dashboard import CODES, fill_quarters
from tests.factories import AlmoFactory, BoardFactory
from tests.hra.conftest import make_programme, make_stock
from tests.inspections.conftest import record_inspection

ACCEPTED, SUBMITTED, DRAFT = Return.Status.ACCEPTED, Return.Status.SUBMITTED, Return.Status.DRAFT


def almo_url(almo, **params):
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return reverse("dashboards:almo", args=[almo.slug]) + (f"?{query}" if query else "")


def board_url(almo, **params):
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return reverse("dashboards:board", args=[almo.slug]) + (f"?{query}" if query else "")


@pytest.fixture
def figures(almo):
    """Three quarters of 2025/26: repairs (higher is better) falls 95, 90, 85, red in the last, which is accepted."""
    plan = make_plan(almo, CODES)
    returns = fill_quarters(
        plan, [("green", "95"), ("amber", "90"), ("red", "85")], statuses=(ACCEPTED, ACCEPTED, ACCEPTED)
    )
    return {"plan": plan, "returns": returns}


@pytest.fixture
def peers(council, figures):
    """Four more ALMOs with accepted Q3 figures above ours, so ours is in the bottom quartile."""
    for number, value in enumerate(("96", "97", "98", "99")):
        peer = AlmoFactory(council=council, name=f"Peer Homes {number}", slug=f"peer-{number}")
        BoardFactory(almo=peer)
        fill_quarters(make_plan(peer, CODES), [("green", value)], statuses=(ACCEPTED,), start=(2025, 3))


def test_the_index_takes_each_person_to_their_own_dashboard(client, almo, almo_staff, board_member, council_officer):
    client.force_login(almo_staff)
    assert client.get(reverse("dashboards:index")).url == almo_url(almo)
    client.force_login(board_member)
    assert client.get(reverse("dashboards:index")).url == board_url(almo)
    client.force_login(council_officer)
    assert client.get(reverse("dashboards:index")).url == reverse("dashboards:council", args=[almo.council.slug])
    # Everyone signed in has the entry in the service navigation.
    for user in (almo_staff, board_member, council_officer):
        client.force_login(user)
        assert "Dashboard" in [item["label"] for item in client.get(reverse("home")).context["service_navigation"]]


def test_the_almo_dashboard_lists_what_waits_for_its_staff(client, almo, almo_staff, council_officer, figures):
    plan = figures["plan"]
    due = clock.today() + dt.timedelta(days=20)
    draft = make_return(plan, 2026, 1, DRAFT, figures={"RP02(1)": "90", "BV212": "20"})
    Return.objects.filter(pk=draft.pk).update(due_on=due)
    make_query(Actual.objects.filter(return_record=figures["returns"][2]).first(), council_officer)
    Amendment.objects.create(
        plan=plan,
        kind=Amendment.Kind.OBJECTIVE,
        proposed_by=council_officer,
        proposing_party=Party.COUNCIL,
        reason="Targets should reflect the new repairs contract.",
    )
    client.force_login(almo_staff)
    response = client.get(almo_url(almo))
    assert response.status_code == 200
    to_do = {line["item"].text: line["item"] for line in response.context["to_do"]}
    assert to_do["Returns to fill in and send"].count == 1 and to_do["Returns to fill in and send"].due == due
    assert to_do["Council queries to answer"].count == 1
    assert to_do["Amendments waiting for your agreement"].count == 1
    page = response.content.decode()
    assert reverse("delivery_plans:returns_to_complete") in page
    assert reverse("delivery_plans:amendment_list") + "?waiting_for=me" in page
    # The earliest due comes first: the dated return before the undated query and amendment.
    assert response.context["to_do"][0]["item"].text == "Returns to fill in and send"

    # The council's officer sees the same ALMO, and only what their own side must do.
    Return.objects.filter(pk=draft.pk).update(status=SUBMITTED)
    client.force_login(council_officer)
    response = client.get(almo_url(almo))
    texts = [line["item"].text for line in response.context["to_do"]]
    assert texts == ["Returns to review"]


def test_overdue_work_is_tagged_in_words(client, almo, almo_staff, figures):
    draft = make_return(figures["plan"], 2026, 1, DRAFT, figures={"RP02(1)": "90", "BV212": "20"})
    Return.objects.filter(pk=draft.pk).update(due_on=clock.today() - dt.timedelta(days=3))
    client.force_login(almo_staff)
    response = client.get(almo_url(almo))
    assert response.context["to_do"][0]["overdue"] is True
    assert '<strong class="govuk-tag govuk-tag--red">Overdue</strong>' in response.content.decode()


def test_the_almo_dashboard_leads_with_red_lines_and_tells_their_story(client, almo, almo_staff, figures):
    client.force_login(almo_staff)
    response = client.get(almo_url(almo))
    lines = response.context["lines"]
    assert [line["indicator"].code for line in lines] == ["RP02(1)", "BV212"]
    assert lines[0]["story"] == "It has worsened for two quarters in a row."
    red = Actual.objects.get(return_record=figures["returns"][2], plan_indicator__indicator__code="RP02(1)")
    assert f"#indicator-{red.pk}" in response.content.decode()
    assert "Nothing is waiting for you." in response.content.decode()


def test_the_board_dashboard_places_each_line_among_its_peers(client, almo, board_member, figures, peers):
    client.force_login(board_member)
    response = client.get(board_url(almo))
    assert response.status_code == 200
    page = response.content.decode()
    repairs = next(line for line in response.context["lines"] if line["indicator"].code == "RP02(1)")
    assert repairs["quartile"] == 4
    assert repairs["story"].endswith(
        "has worsened for two quarters in a row and is now in the bottom quartile of its peers."
    )
    # A chart on screen with its text alternative, and the figures as a table too.
    assert '<svg class="portal-chart" role="img"' in page and "Lower quartile" in page
    assert "The figures as a table" in page and "Q1 2025/26" in page
    # The board is asked to note the red line, in words.
    assert any(
        note.startswith(repairs["indicator"].name + " is off target (red).") for note in response.context["to_note"]
    )
    # Read-only: no form on the page sends anything but the GET filter and sign-out.
    assert page.count('method="post"') == page.count('action="/sign-out/"')


def test_the_board_dashboard_opens_on_the_latest_accepted_quarter(client, almo, board_member, figures):
    # A newer quarter sent but not yet accepted: the board still sees the accepted one, and may choose the newer.
    make_return(figures["plan"], 2025, 4, SUBMITTED, figures={"RP02(1)": "80", "BV212": "20"})
    client.force_login(board_member)
    assert client.get(board_url(almo)).context["period"] == (2025, 3)
    assert client.get(board_url(almo, quarter="2025-Q4")).context["period"] == (2025, 4)


def test_each_domain_adds_its_panel_and_what_the_board_should_note(
    client, almo, almo_staff, board_member, council_officer, figures
):
    year = clock.today().year if clock.today().month >= 4 else clock.today().year - 1
    make_programme(almo, year=year, allocation="2000000")
    make_stock(almo, year=year - 1, made_decent=300)
    record_inspection(
        council_officer,
        almo,
        title="Landlord services inspection",
        starts_on=clock.today() + dt.timedelta(days=60),
        ends_on=clock.today() + dt.timedelta(days=64),
        star_rating=None,
        prospects="",
    )
    start_intervention(almo, council_officer, started_on=clock.today() - dt.timedelta(days=10))
    client.force_login(board_member)
    response = client.get(board_url(almo))
    keys = [panel["key"] for panel in response.context["panels"]]
    assert {"board_pack", "hra", "inspections", "agreements"} <= set(keys)
    notes = " ".join(response.context["to_note"])
    assert "made 300 homes decent" in notes
    assert "Landlord services inspection starts on" in notes
    assert "is on the intervention ladder" in notes
    page = response.content.decode()
    assert "Decent Homes progress" in page and "Inspection readiness" in page
    # The same panels on the ALMO's and the council's dashboards, less the board pack.
    for user, address in (
        (almo_staff, almo_url(almo)),
        (council_officer, reverse("dashboards:council", args=[almo.council.slug])),
    ):
        client.force_login(user)
        keys = [panel["key"] for panel in client.get(address).context["panels"]]
        assert {"hra", "inspections", "agreements"} <= set(keys) and "board_pack" not in keys


@pytest.mark.parametrize("dashboard", ["almo", "board"])
def test_nobody_outside_the_almo_sees_its_dashboards(
    client, dashboard, almo, figures, sibling_staff, other_staff, other_council_officer, observer, other_almo
):
    address = (almo_url if dashboard == "almo" else board_url)(almo)
    for user in (sibling_staff, other_staff, other_council_officer):
        client.force_login(user)
        assert client.get(address).status_code == 404, user.username
    client.logout()
    response = client.get(address)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


@pytest.mark.parametrize("dashboard", ["almo", "board"])
def test_queries_stay_flat_as_history_and_peers_grow(client, dashboard, council, almo, almo_staff, figures):
    address = (almo_url if dashboard == "almo" else board_url)(almo)
    client.force_login(almo_staff)
    client.get(address)
    cache.clear()  # the dashboard's own cached reads: the count is of working the page out
    with CaptureQueriesContext(connection) as before:
        assert client.get(address).status_code == 200
    for number in range(4):
        peer = AlmoFactory(council=council, name=f"More Homes {number}", slug=f"more-{number}")
        BoardFactory(almo=peer)
        fill_quarters(make_plan(peer, (*CODES, "BV66a")), [("green", "97")] * 3, statuses=(ACCEPTED,) * 3)
    fill_quarters(
        make_plan(almo, (*CODES, "BV66a"), title="Second plan"),
        [("red", "1"), ("amber", "2"), ("green", "3")] * 2,
        statuses=(ACCEPTED,) * 6,
        start=(2024, 1),
    )
    cache.clear()
    with CaptureQueriesContext(connection) as after:
        assert client.get(address).status_code == 200
    assert len(after) == len(before), [q["sql"] for q in after.captured_queries]
    print(f"{dashboard} dashboard: {len(before)} queries, {len(after)} with more peers, history and indicators")


def test_a_second_look_is_served_from_the_cache_until_the_data_changes(client, almo, almo_staff, figures):
    """The cached page is never older than the data: a bulk update, which sends no signal, still shows at once."""
    client.force_login(almo_staff)
    client.get(almo_url(almo))
    cache.clear()
    with CaptureQueriesContext(connection) as first:
        response = client.get(almo_url(almo))
    worked_out = len(first)
    with CaptureQueriesContext(connection) as second:
        again = client.get(almo_url(almo))
    from_cache = len(second)
    assert from_cache < worked_out / 2, (worked_out, from_cache)
    assert "lines" in response.context and "lines" not in again.context  # the body came from the cache
    assert again.content.decode().count("govuk-tag--red") == response.content.decode().count("govuk-tag--red") == 2
    Actual.objects.filter(return_record=figures["returns"][2], plan_indicator__indicator__code="RP02(1)").update(
        rag="green"
    )
    fresh = client.get(almo_url(almo))
    assert [line["cell"].rag for line in fresh.context["lines"]] == ["green", "green"]
    print(f"ALMO dashboard: {worked_out} queries worked out, {from_cache} from the cache")


def test_people_with_other_access_never_share_a_cached_read(client, council, almo, figures, almo_staff, board_member):
    """Staff and the board of the same ALMO see the same lines; a sibling ALMO's people never get this ALMO's."""
    client.force_login(almo_staff)
    assert client.get(almo_url(almo)).status_code == 200
    client.force_login(board_member)
    assert client.get(almo_url(almo)).context["to_do"] == []
    sibling = AlmoFactory(council=council, name="Sibling Homes", slug="sibling-homes")
    BoardFactory(almo=sibling)
    fill_quarters(make_plan(sibling, CODES), [("amber", "50")], statuses=(ACCEPTED,), start=(2025, 3))
    client.force_login(almo_staff)
    assert client.get(almo_url(sibling)).status_code == 404
