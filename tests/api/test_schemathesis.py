"""Schemathesis against the OpenAPI schema, on the demo data: no server errors, and responses match the schema.

Every operation runs, writes included, as the demo's council officer through a real API token, sent to the WSGI
application. The demo is loaded once for the module inside a transaction rolled back at its end; each operation's
examples run in a savepoint of their own. Examples per operation are bounded to keep the run short.

(The schema is generated in-process rather than fetched with `schemathesis.pytest.from_fixture`, whose lazy
loader does not work with pytest 9; the schema endpoint itself has its own test.)
"""

import json

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections, transaction
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from api_access.services import token_create
from benchmarking import demo as benchmarking_demo
from delivery_plans import demo as delivery_plans_demo
from organisations import demo as organisations_demo
from organisations.models import Membership

EXAMPLES = 25

schema = schemathesis.openapi.from_dict(
    json.loads(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(request=None, public=True)))
)
schema.app = WSGIHandler()


@pytest.fixture(scope="module")
def token(django_db_setup, django_db_blocker):
    """The demo and a token for its council officer, kept for the module and then rolled back."""
    # As Django's test client does: a request must not close the connection holding the test's transaction.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    with django_db_blocker.unblock(), transaction.atomic():
        organisations_demo.load()
        delivery_plans_demo.load()
        benchmarking_demo.load()
        officer = Membership.objects.get(user__username="council.officer").user
        yield token_create(actor=officer, name="Schemathesis")[1]
        transaction.set_rollback(True)
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_the_api_matches_its_schema_and_never_fails(case, token, db):
    case.call_and_validate(
        headers={"Authorization": f"Bearer {token}"},
        checks=[not_a_server_error, response_schema_conformance],
    )
