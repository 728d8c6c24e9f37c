import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from benchmarking.models import PeerGroup
from tests.factories import AlmoFactory, CouncilFactory


@pytest.fixture
def almos(db):
    london = CouncilFactory(region="london")
    return {
        "small": AlmoFactory(homes_managed=2150),
        "edge": AlmoFactory(homes_managed=10000),
        "large": AlmoFactory(homes_managed=16200, council=london),
    }


def _members(group):
    return set(group.members().values_list("homes_managed", flat=True))


def test_membership_follows_the_rule(almos):
    assert _members(PeerGroup(kind="all")) == {2150, 10000, 16200}
    assert _members(PeerGroup(kind="stock_size", min_homes=10000)) == {10000, 16200}
    assert _members(PeerGroup(kind="stock_size", max_homes=9999)) == {2150}
    assert _members(PeerGroup(kind="stock_size", min_homes=2000, max_homes=10000)) == {2150, 10000}
    assert _members(PeerGroup(kind="region", region="london")) == {16200}
    # A change to an ALMO moves it between groups with nothing to maintain by hand.
    almos["small"].homes_managed = 11000
    almos["small"].save()
    assert _members(PeerGroup(kind="stock_size", min_homes=10000)) == {10000, 11000, 16200}


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"kind": "stock_size"}, "A stock size band needs the fewest homes, the most homes, or both."),
        ({"kind": "stock_size", "min_homes": 10, "max_homes": 5}, "The most homes must be at least the fewest homes."),
        ({"kind": "region"}, "Choose the region for a regional peer group."),
        ({"kind": "all", "region": "london"}, "Only a regional peer group has a region."),
    ],
)
def test_a_rule_must_make_sense(db, fields, message):
    group = PeerGroup(name="Test", slug="test", **fields)
    with pytest.raises(ValidationError) as error:
        group.full_clean()
    assert message in str(error.value)


def test_rules_read_in_words():
    assert PeerGroup(kind="stock_size", min_homes=10000).rule == "ALMOs managing 10,000 homes or more"
    assert PeerGroup(kind="stock_size", min_homes=1, max_homes=9999).rule == "ALMOs managing 1 to 9,999 homes"
    assert PeerGroup(kind="region", region="london").rule == "ALMOs of councils in London"


def test_peer_groups_are_listed_in_the_api_and_on_the_page(api, client, almos, almo_staff):
    PeerGroup.objects.create(name="Large ALMOs", slug="large-almos", kind="stock_size", min_homes=10000)
    api.force_authenticate(almo_staff)
    (group,) = api.get(reverse("api:peer-group-list")).json()["results"]
    assert (group["slug"], group["rule"]) == ("large-almos", "ALMOs managing 10,000 homes or more")
    assert api.post(reverse("api:peer-group-list"), {"name": "Mine"}).status_code == 405
    client.force_login(almo_staff)
    page = client.get(reverse("benchmarking:index")).content.decode()
    assert "Large ALMOs" in page and "ALMOs managing 10,000 homes or more" in page
    assert reverse("api:export-benchmarking") in page
