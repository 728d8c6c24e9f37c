import pytest
from rest_framework.test import APIClient


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
