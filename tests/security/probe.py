"""The pieces the cross-organisation probes share: which routes take a record number, how to fill their addresses,
which requests ask to change something, and how to tell whether a request changed anything.

Everything here is worked out from the URL patterns (tests/security/routes.py) and the views behind them, so a
route added later is probed without anyone listing it. What cannot be worked out (the value of a parameter that is
neither a record number nor a slug) comes from `parameter_values`, and a route with a parameter it does not know
is reported by the tests, never skipped.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection

from tests.security.routes import NAMED_GROUP, Route, routes
from tests.security.sweep import PUBLIC_ROUTES

# Reference data every signed-in person reads, whoever owns the records around it. Adding here is a decision.
SHARED_REFERENCE = {
    "delivery_plans:indicator_detail": "the shipped indicator library",
    "api:indicator-detail": "the shipped indicator library",
    "api:peer-group-detail": "peer groups are defined for everyone",
    "inspections:framework_detail": "the shipped inspection frameworks",
    "api:inspections-framework-detail": "the shipped inspection frameworks",
    "api:agreements-stage-detail": "the rungs of the intervention ladder",
}
# Record numbers asked for on each route. The demo makes several of every record, so these belong to it.
PROBED_IDS = range(1, 7)
# A number in a page's address, and the API router's record key.
RECORD_KEYS = (r"[0-9]+", r"\d+", r"[^/.]+")
# Methods that only read; every other method a view answers asks it to change something.
READ_METHODS = {"get", "head", "options", "trace"}
WRITE_METHODS = ("post", "put", "patch", "delete")


def number_routes() -> list[Route]:
    """Routes whose address holds exactly one number and nothing else to fill: the record pages and API details."""
    found = []
    for route in routes():
        groups = list(NAMED_GROUP.finditer(route.pattern))
        numeric = [g for g in groups if g.group("body") in RECORD_KEYS]
        if len(groups) != 1 or len(numeric) != 1 or route.url is None or route.key.startswith("admin:"):
            continue
        if route.key in SHARED_REFERENCE:
            continue
        found.append(route)
    return found


def address(route: Route, number: int) -> str:
    filled = NAMED_GROUP.sub(str(number), route.pattern, count=1)
    return "/" + filled.replace("\\", "")


def restart_numbering() -> None:
    """Number new rows from just above what the migrations put in, so the demo's records get the low numbers probed.

    Earlier tests in the run advanced every sequence (a rolled-back row keeps its number used up).
    """
    statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models())
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def is_api(route: Route) -> bool:
    return route.key.startswith("api:")


def write_methods(route: Route) -> list[str]:
    """The methods a route's view answers that ask for a change.

    A DRF viewset route names its methods (`actions`); a class-based view has a handler per method. A function view
    says nothing of the methods it takes, so it is asked with POST, as a form would.
    """
    callback = route.callback
    actions = getattr(callback, "actions", None)
    if actions:
        return [method.upper() for method in actions if method not in READ_METHODS]
    view_class = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
    if view_class is not None:
        return [method.upper() for method in WRITE_METHODS if hasattr(view_class, method)]
    return ["POST"]


def parameter_values() -> dict[str, list[str]]:
    """Values for the parameters of an address that are not a record number, taken from the code and the demo.

    A parameter missing here makes the board member probe report its route as one it cannot reach.
    """
    from agreements.services.agreements import PARTS as AGREEMENT_PARTS
    from consultations.views.ballots import OVERSEER_ACTIONS
    from consultations.views.consultations import PARTS as CONSULTATION_PARTS
    from consultations.views.consultations import REMOVABLE
    from delivery_plans.models import DeliveryPlan
    from hra.views.investment import PARTS as INVESTMENT_PARTS
    from organisations.models import Almo, Council

    years = set()
    for first, last in DeliveryPlan.objects.values_list("first_year", "last_year"):
        years.update(range(first, last + 1))
    return {
        # ALMOs' and councils' pages are addressed by slug; boards by their ALMO's.
        "slug": [
            *Almo.objects.order_by("pk").values_list("slug", flat=True),
            *Council.objects.values_list("slug", flat=True),
        ],
        "part": sorted(set(CONSULTATION_PARTS) | set(REMOVABLE)),
        "kind": sorted(set(AGREEMENT_PARTS) | set(INVESTMENT_PARTS)),
        "action": sorted(OVERSEER_ACTIONS),
        "year": [str(year) for year in sorted(years)],
        # An import preview exists only after an upload: an unknown one is what a board member could send.
        "token": ["x"],
        "fmt": ["csv", "xlsx"],
        "key": ["x"],
        "app_label": ["delivery_plans"],
        "model_name": ["deliveryplan"],
    }


@dataclass(frozen=True)
class Attempt:
    route: Route
    method: str
    address: str
    # The record number in the address, and in any reference the request's body makes.
    number: int

    def __str__(self) -> str:
        return f"{self.method} {self.address} ({self.route.key})"


def _filled(pattern: str, values) -> str:
    """The pattern with its parameters, in order, replaced by `values`."""
    parts = iter(values)
    return "/" + NAMED_GROUP.sub(lambda match: next(parts), pattern).replace("\\", "")


def _fillings(route: Route, values: dict[str, list[str]]) -> Iterator[tuple[int, str]] | None:
    """(number, address) for every address of the route made from the probed numbers and `values`; None if a
    parameter has no values.

    Several numbers in one address (a record and its part) take the same number: cheap, and each stays a record
    of the demo. An API list takes each number too: its writes name their records in the body.
    """
    groups = list(NAMED_GROUP.finditer(route.pattern))
    choices = []
    for group in groups:
        if group.group("body") in RECORD_KEYS:
            choices.append(None)
        elif group.group("name") in values:
            choices.append(values[group.group("name")])
        else:
            return None

    def addresses() -> Iterator[tuple[int, str]]:
        for number in PROBED_IDS:
            options = [[str(number)] if choice is None else choice for choice in choices]
            for combination in itertools.product(*options):
                yield number, _filled(route.pattern, combination)
            if None not in choices and not is_api(route):
                return  # no number in the address or the body: one pass is every address

    return addresses()


def write_attempts(skip: dict[str, str]) -> tuple[list[Attempt], list[Route]]:
    """(every request that asks a route to change something, routes whose address cannot be filled).

    Every route but the admin's (staff only, and swept for anonymous callers), the public ones and `skip`.
    """
    values = parameter_values()
    attempts, unreachable = [], []
    for route in routes():
        if route.key.startswith("admin:") or route.key in PUBLIC_ROUTES or route.key in skip:
            continue
        methods = write_methods(route)
        if not methods:
            continue
        fillings = _fillings(route, values)
        if fillings is None:
            unreachable.append(route)
            continue
        attempts.extend(Attempt(route, method, url, number) for number, url in fillings for method in methods)
    return attempts, unreachable


def table_writes() -> dict[str, tuple[int, int, int]]:
    """Rows inserted, updated and deleted in each table so far in this transaction (PostgreSQL's own counts).

    Every change counts, a rolled-back one too, and reading costs one cheap query however big the tables are.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_xact_user_tables"
            " WHERE n_tup_ins + n_tup_upd + n_tup_del > 0"
        )
        return {name: (inserted, updated, deleted) for name, inserted, updated, deleted in cursor.fetchall()}


def changed_tables(before: dict, after: dict, ignore: dict[str, str]) -> list[str]:
    return sorted(table for table, counts in after.items() if counts != before.get(table) and table not in ignore)


def api_bodies() -> dict[tuple[str, str], dict]:
    """The request body each API write takes, by (path as the schema writes it, method), from the OpenAPI schema."""
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    components = schema["components"]["schemas"]

    def resolve(node: dict) -> dict:
        while "$ref" in node or "allOf" in node:
            node = components[node["$ref"].split("/")[-1]] if "$ref" in node else node["allOf"][0]
        return node

    bodies = {}
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            content = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if content:
                bodies[(path, method.upper())] = {"resolve": resolve, "schema": resolve(content["schema"])}
    return bodies


def _sample(node: dict, number: int, resolve):
    """A value the field accepts; a whole number is taken as a reference to a record, so it is the probed number."""
    node = resolve(node)
    if "enum" in node:
        return next(value for value in node["enum"] if value is not None)
    if "oneOf" in node:
        return _sample(node["oneOf"][0], number, resolve)
    kind = node.get("type")
    if kind == "integer":
        return min(max(number, node.get("minimum", number)), node.get("maximum", number))
    if kind == "number":
        return 1
    if kind == "boolean":
        return True
    if kind == "array":
        return []
    if kind == "object":
        required = node.get("required", [])
        return {
            name: _sample(field, number, resolve)
            for name, field in node.get("properties", {}).items()
            if name in required
        }
    if node.get("format") == "date":
        return "2026-06-30"
    return "Asked by the probe"


def api_body(bodies: dict, attempt: Attempt, number: int) -> dict:
    """A body for an API write that passes its checks of shape, so that the refusal, if any, is about who asks."""
    path = NAMED_GROUP.sub("{id}", attempt.route.pattern)
    found = bodies.get(("/" + path.replace("\\", ""), attempt.method))
    if found is None:
        return {}
    return _sample(found["schema"], number, found["resolve"])
