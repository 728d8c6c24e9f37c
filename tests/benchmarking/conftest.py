import pytest
from rest_framework.test import APIClient

from benchmarking.models import PeerGroup
from delivery_plans.models import Return
from tests.api.records import make_plan, make_return
from tests.factories import AlmoFactory

ACCEPTED, SUBMITTED = Return.Status.ACCEPTED, Return.Status.SUBMITTED


@pytest.fixture(autouse=True)
def generous_rate_limits(settings):
    """Throttling has its own tests; elsewhere counts left in the shared cache by earlier runs must not matter."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"api": "100000/minute", "export": "100000/minute"},
    }


@pytest.fixture
def api():
    return APIClient()


def add_peer(homes, rp02, bv212=None, codes=("RP02(1)", "BV212"), extra=None):
    owner = AlmoFactory(homes_managed=homes)
    plan = make_plan(owner, codes=codes)
    make_return(plan, 2025, 4, ACCEPTED, {"RP02(1)": rp02, **({"BV212": bv212} if bv212 else {}), **(extra or {})})
    return owner


@pytest.fixture
def peers(almo, sibling_almo, other_almo):
    """As in test_export: RP02(1) 70 (almo) among 60, 65, 70, 75, 80, 95 (quartiles 66.25, 72.5, 78.75);
    BV212 25 days (almo) among 20, 25, 30, 35, 40 (quartiles 25, 30, 35). A submitted 99 must not count."""
    for owner, rp02, bv212 in (
        (almo, ("350", "500"), ("2500", "100")),
        (sibling_almo, ("950", "1000"), ("2000", "100")),
        (other_almo, ("600", "1000"), ("4000", "100")),
    ):
        make_return(make_plan(owner, codes=("RP02(1)", "BV212")), 2025, 4, ACCEPTED, {"RP02(1)": rp02, "BV212": bv212})
    add_peer(12000, ("650", "1000"), ("3000", "100"))
    add_peer(15000, ("750", "1000"), ("3500", "100"))
    add_peer(20000, ("800", "1000"))
    late = AlmoFactory(homes_managed=3000)
    make_return(make_plan(late, codes=("RP02(1)",)), 2025, 4, SUBMITTED, {"RP02(1)": ("99", "100")})
    return PeerGroup.objects.create(name="All ALMOs", slug="all-almos", kind=PeerGroup.Kind.ALL)
