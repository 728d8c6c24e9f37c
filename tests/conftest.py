import pytest

from organisations.access import Role
from tests.browser.fixtures import (  # noqa: F401  (one Chromium for every app's browser tests)
    browser,
    demo_data,
    page,
    plans_demo,
    sign_in,
    signed_in,
)
from tests.factories import AlmoFactory, BoardFactory, CouncilFactory, UserFactory, user_with_role
from tests.plans import plan  # noqa: F401  (a fixture for every app's tests)
from tests.worker import celery_worker_process, worker_factory  # noqa: F401  (fixtures for every app's tests)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: Redis outlives a test run, and keys would leak between tests."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def two_factor_requirement(request, settings):
    """Two-factor sign-in is required in production; here only for tests marked `two_factor`.

    Most tests sign in with `client.force_login` and test something else. Off, nobody is made to set up an app,
    but a person who has one is still asked for a code, so the two-factor tests run with it on.
    """
    settings.TWO_FACTOR_REQUIRED = request.node.get_closest_marker("two_factor") is not None


@pytest.fixture
def council(db):
    return CouncilFactory(name="Northmoor Council", slug="northmoor")


@pytest.fixture
def almo(council):
    almo = AlmoFactory(council=council, name="Northmoor Homes", slug="northmoor-homes")
    BoardFactory(almo=almo)
    return almo


@pytest.fixture
def sibling_almo(council):
    """A second ALMO of the same council: its staff must not see `almo`."""
    almo = AlmoFactory(council=council, name="Northmoor East Homes", slug="northmoor-east-homes")
    BoardFactory(almo=almo)
    return almo


@pytest.fixture
def other_almo(db):
    """An ALMO of another council altogether."""
    almo = AlmoFactory(name="Southdale Homes", slug="southdale-homes")
    BoardFactory(almo=almo)
    return almo


@pytest.fixture
def almo_staff(almo):
    return user_with_role(Role.ALMO_STAFF, almo, username="almo.staff")


@pytest.fixture
def sibling_staff(sibling_almo):
    return user_with_role(Role.ALMO_STAFF, sibling_almo, username="sibling.staff")


@pytest.fixture
def other_staff(other_almo):
    return user_with_role(Role.ALMO_STAFF, other_almo, username="other.staff")


@pytest.fixture
def council_officer(council):
    return user_with_role(Role.COUNCIL_OFFICER, council, username="council.officer")


@pytest.fixture
def other_council_officer(other_almo):
    return user_with_role(Role.COUNCIL_OFFICER, other_almo.council, username="other.officer")


@pytest.fixture
def board_member(almo):
    return user_with_role(Role.BOARD_MEMBER, almo, username="board.member")


@pytest.fixture
def observer(council, almo):
    user = user_with_role(Role.OBSERVER, council, username="observer")
    user.memberships.get().granted_almos.add(almo)
    return user


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_superuser=True, is_staff=True)
