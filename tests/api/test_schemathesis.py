"""Schemathesis against the OpenAPI schema, on the demo data, as each role: every check, and the stateful phase.

Each role sends every operation, writes included, with the credentials it would use: council officers and ALMO staff
a real API token, board members and observers (who get no tokens) a signed-in session with its CSRF token. Requests
go to the WSGI application. The demo is loaded once for the module inside a transaction rolled back at its end; each
operation's examples run in a savepoint of their own, and so does each stateful scenario.

All of schemathesis's checks run: no server errors; status codes, content types, headers and bodies as documented;
schema-valid requests accepted and schema-invalid ones refused; authentication enforced; and, across calls, records
that stay where they were made.

To keep the run to a few minutes, examples per operation are bounded, and the coverage phase (every boundary and
wrong value of every parameter and field, the same whoever sends them, and most of the requests) runs once per kind
of operation: lists read their parameters alike for everyone, so their coverage runs for one role; a write reads its
body only for those who may make it, so its coverage runs for the two roles that write.

(The schema is generated in-process rather than fetched with `schemathesis.pytest.from_fixture`, whose lazy
loader does not work with pytest 9; the schema endpoint itself has its own test. The stateful phase follows the
schema's OpenAPI links, from a resource's answers to the operations on one of its records (`core.api.schema`), and
those schemathesis infers from the schema itself; both work offline.)
"""

import json

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections, transaction
from django.test import Client
from django.utils.crypto import get_random_string
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, Phase, settings
from schemathesis.generation.meta import TestPhase

from api_access.services import token_create
from benchmarking import demo as benchmarking_demo
from delivery_plans import demo as delivery_plans_demo
from organisations import demo as organisations_demo
from organisations.access import acts_for_a_party
from organisations.models import Membership

EXAMPLES = 10
SCENARIOS, STEPS = 25, 8
ROLES = {
    "council officer": "council.officer",
    "ALMO staff": "north.staff",
    "board member": "board.member",
    "observer": "observer",
}
COVERAGE_ROLES = {"GET": {"council officer"}, "POST": {"council officer", "ALMO staff"}}

# Schemathesis counts any 400 to a request the schema allows as a failure ("positive data rejected"). That holds for
# reads, whose parameters the schema describes exactly, but not where a request names records by id or code or must
# follow the process: a plan id you cannot see, a quarter already open, a locked return. Those are 400s naming the
# field, as documented; for those operations alone a 400 is an expected answer to schema-valid data.
VALID_BUT_REFUSED = ["2xx", "3xx", "400", "401", "403", "404", "409", "429", "5xx"]
CONFIG = schemathesis.Config.from_dict(
    {
        "generation": {"mode": "all"},
        "operations": [
            {
                "include-method": "POST",
                "checks": {"positive_data_acceptance": {"expected-statuses": VALID_BUT_REFUSED}},
            },
            {
                # Indicator codes and peer group slugs name records, as ids in a body do.
                "include-path": "/api/v1/exports/benchmarking/",
                "checks": {"positive_data_acceptance": {"expected-statuses": VALID_BUT_REFUSED}},
            },
        ],
    }
)
RAW_SCHEMA = json.loads(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(request=None, public=True)))
LISTS = {
    path
    for path, item in RAW_SCHEMA["paths"].items()
    if any(parameter["name"] == "page" for parameter in item.get("get", {}).get("parameters", []))
}
schema = schemathesis.openapi.from_dict(RAW_SCHEMA, config=CONFIG)
schema.app = WSGIHandler()


def _credentials(username: str) -> dict:
    """A token for the people whose systems use the API; readers, who get no tokens, use a signed-in session."""
    user = Membership.objects.filter(user__username=username).first().user
    if acts_for_a_party(user):
        return {"Authorization": f"Bearer {token_create(actor=user, name='Schemathesis')[1]}"}
    client = Client()
    client.force_login(user)
    csrf = get_random_string(32)
    # With the CSRF token too, so a reader's write is refused by the access rule, not for a missing token.
    return {"Cookie": f"sessionid={client.cookies['sessionid'].value}; csrftoken={csrf}", "X-CSRFToken": csrf}


@pytest.fixture(scope="module")
def credentials(django_db_setup, django_db_blocker):
    """The demo and the credentials of a person in each role, kept for the module and then rolled back."""
    # As Django's test client does: a request must not close the connection holding the test's transaction.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    with django_db_blocker.unblock(), transaction.atomic():
        organisations_demo.load()
        delivery_plans_demo.load()
        benchmarking_demo.load()
        yield {role: _credentials(username) for role, username in ROLES.items()}
        transaction.set_rollback(True)
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.parametrize("role", ROLES)
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_the_api_keeps_its_contract(case, role, credentials, db):
    if case.meta.phase.name == TestPhase.COVERAGE and role not in COVERAGE_ROLES[case.operation.method.upper()]:
        return
    case.call_and_validate(headers=credentials[role])


@pytest.mark.parametrize("role", ROLES)
def test_the_api_keeps_its_contract_across_calls(role, credentials, db):
    class Workflow(schema.as_state_machine()):
        def setup(self):
            self.savepoint = transaction.savepoint()

        def teardown(self):
            transaction.savepoint_rollback(self.savepoint)

        def before_call(self, case):
            # Lists are read as a system first reads them, unfiltered, so the ids in their answers lead the next
            # calls to real records (filters have the tests above).
            if case.method == "GET" and case.path in LISTS:
                case.query = {}

        def get_call_kwargs(self, case):
            return {"headers": credentials[role]}

        def validate_response(self, response, case, additional_checks=None, **kwargs):
            # As call_and_validate does: the checks are told these credentials were given, not generated.
            case.validate_response(
                response, headers=credentials[role], transport_kwargs=kwargs or None, recorder=self.recorder
            )

    Workflow.run(
        settings=settings(
            max_examples=SCENARIOS,
            stateful_step_count=STEPS,
            deadline=None,
            database=None,
            derandomize=True,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
    )
