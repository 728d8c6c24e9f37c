"""Benchmarking on screen: one ALMO's figures among a peer group's quartiles, as a chart, a sentence and a table."""

import re

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from benchmarking.models import PeerGroup
from delivery_plans.models import Return
from tests.benchmarking.conftest import add_peer

COMPARE = reverse("benchmarking:compare")
ACCEPTED, SUBMITTED = Return.Status.ACCEPTED, Return.Status.SUBMITTED


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(COMPARE)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_each_indicator_is_placed_among_the_quartiles(client, almo_staff, peers):
    client.force_login(almo_staff)
    response = client.get(COMPARE)
    assert response.status_code == 200
    page = response.content.decode()
    rows = {row.indicator.code: row for row in response.context["rows"]}
    rp02, bv212 = rows["RP02(1)"], rows["BV212"]
    assert (str(rp02.bounds.lower), str(rp02.bounds.median), str(rp02.bounds.upper)) == (
        "66.2500",
        "72.5000",
        "78.7500",
    )
    assert (rp02.position, rp02.rank, rp02.peer_count) == (3, 4, 6)
    assert (bv212.position, bv212.rank, bv212.peer_count) == (1, 2, 5)
    # A chart (server-side SVG, named in words), a sentence and a table row for each.
    assert page.count('<svg class="portal-chart" role="img"') == 2
    assert "RP02(1) Tenants satisfied" in page or "RP02(1)" in page
    assert (
        "70.0, in the third quartile, ranked 4 of 6; the peer group&#x27;s middle half runs from 66.3 to 78.8" in page
    )
    assert "in the top quartile, ranked 2 of 5" in page
    assert "Of 2 indicators with a quartile position, 1 is in the top quartile and 0 in the bottom quartile." in page
    assert 'role="region" aria-label="Quartiles and positions" tabindex="0"' in page
    assert "Q4 2025/26" in page


def test_no_peers_own_figure_is_shown(client, almo_staff, peers):
    client.force_login(almo_staff)
    page = client.get(COMPARE).content.decode()
    # Figures as text, not an SVG coordinate such as x1="180.0".
    for figure in ("95.0", "60.0", "65.0", "75.0", "80.0", "99.0", "20.0", "40.0"):
        assert not re.search(rf'(?<![\d."=]){re.escape(figure)}(?!\d)', page), figure


def test_too_few_peers_shows_no_quartiles(client, almo_staff, peers, council):
    PeerGroup.objects.create(name="Tiny", slug="tiny", kind=PeerGroup.Kind.STOCK_SIZE, max_homes=1)
    client.force_login(almo_staff)
    response = client.get(COMPARE, {"almo": "northmoor-homes", "peer_group": "tiny", "quarter": "2025-Q4"})
    assert response.status_code == 200
    assert all(row.bounds is None for row in response.context["rows"])
    page = response.content.decode()
    assert "Too few peers have an accepted figure" in page and '<svg class="portal-chart"' not in page
    assert "is not in this group" in page


def test_an_almo_you_may_not_see_is_missing(client, almo_staff, sibling_staff, other_council_officer, peers):
    for user in (sibling_staff, other_council_officer):
        client.force_login(user)
        assert client.get(COMPARE, {"almo": "northmoor-homes"}).status_code == 404, user.username
    client.force_login(almo_staff)
    assert client.get(COMPARE, {"almo": "northmoor-east-homes"}).status_code == 404
    # A peer group or quarter that is not offered is a form error.
    response = client.get(COMPARE, {"almo": "northmoor-homes", "peer_group": "nope", "quarter": "2025-Q4"})
    assert response.status_code == 400 and "There is a problem" in response.content.decode()


def test_a_council_officer_compares_any_of_their_almos(client, council_officer, sibling_almo, peers):
    client.force_login(council_officer)
    response = client.get(COMPARE, {"almo": sibling_almo.slug, "peer_group": "all-almos", "quarter": "2025-Q4"})
    assert response.status_code == 200
    assert response.context["almo"] == sibling_almo
    assert {row.indicator.code: row.position for row in response.context["rows"]} == {"RP02(1)": 1, "BV212": 1}


def test_queries_stay_flat_as_the_group_grows(client, almo_staff, peers):
    client.force_login(almo_staff)
    client.get(COMPARE)
    cache.clear()  # the page's kept body: the count is of working the comparison out
    with CaptureQueriesContext(connection) as once:
        assert client.get(COMPARE).status_code == 200
    for number in range(12):
        add_peer(5000 + number, (str(600 + number), "1000"), ("3000", "100"), codes=("RP02(1)", "BV212", "BV66a"))
    cache.clear()
    with CaptureQueriesContext(connection) as thrice:
        response = client.get(COMPARE)
    assert {row.indicator.code: row.peer_count for row in response.context["rows"]} == {"RP02(1)": 18, "BV212": 17}
    assert len(thrice) == len(once)
    print(f"benchmarking compare: {len(once)} queries at 6 peers, {len(thrice)} at 18")
