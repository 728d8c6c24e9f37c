"""How the API describes itself in OpenAPI (drf-spectacular): the schema says exactly what the API accepts and answers.

- Every operation documents its error answers (400, 401, 403, 404 and 429; 409 and 415 for writes) in the one error
  shape, `{"<name>": ["message"]}` or `{"detail": "message"}`.
- A request body of a `StrictSerializer` allows no other keys (`additionalProperties: false`).
- A decimal in a request body is a JSON number or the number as text, as the serializer reads it.
- Each resource's answers link to the operations on one of its records (OpenAPI links), so a client, or
  schemathesis's stateful tests, can follow a list or a new record to what can be done with it.
- Query parameters say what they read, and that an empty value means the same as none (`allowEmptyValue`), as
  `filters.py` rules.
"""

from __future__ import annotations

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import ResolvedComponent
from rest_framework import serializers

from core.api.filters import EMPTY_MEANS_ANY
from core.api.serializers import StrictSerializer, decimal_text_pattern

FIELD_ERRORS = {
    "type": "object",
    "description": (
        "What is wrong, by the name of the field or query parameter (`non_field_errors` for the request as a "
        'whole). Lines of a list are keyed by their position from 0: `{"actuals": {"1": {"numerator": ["..."]}}}`.'
    ),
    "additionalProperties": {
        "oneOf": [
            {"type": "array", "items": {"type": "string"}},
            {"$ref": "#/components/schemas/FieldErrors"},
        ]
    },
}
ERROR = {
    "type": "object",
    "description": "What went wrong, in words.",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
ERROR_DESCRIPTIONS = {
    "400": "Something in the request is wrong: each named field or parameter with what is wrong with it, a rule of "
    "the process (`non_field_errors`), or a body that is not JSON (`detail`). A write saves nothing.",
    "401": "No credentials, or an API token that is unknown, expired or revoked.",
    "403": "You can see this record but may not do this to it.",
    "404": "There is no such record that you can see (whether it is missing or not yours to see).",
    "409": "Someone else changed the same record at the same moment: fetch it again and retry.",
    "415": "The body was not sent as JSON (`Content-Type: application/json`).",
    "429": "Too many requests for this token or person: wait the seconds in `Retry-After`.",
}
READ_ERRORS = ("400", "401", "403", "404", "429")
WRITE_ERRORS = ("400", "401", "403", "404", "409", "415", "429")


class PortalAutoSchema(AutoSchema):
    def _error_schema(self, status_code: str) -> dict:
        for name, schema in (("FieldErrors", FIELD_ERRORS), ("Error", ERROR)):
            self.registry.register_on_missing(ResolvedComponent(name, ResolvedComponent.SCHEMA, schema, object=name))
        if status_code == "400":
            return {"anyOf": [{"$ref": "#/components/schemas/FieldErrors"}, {"$ref": "#/components/schemas/Error"}]}
        return {"$ref": "#/components/schemas/Error"}

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        for status_code in WRITE_ERRORS if self.method in ("POST", "PUT", "PATCH", "DELETE") else READ_ERRORS:
            response = responses.setdefault(status_code, {"description": ERROR_DESCRIPTIONS[status_code]})
            response.setdefault("content", {"application/json": {"schema": self._error_schema(status_code)}})
            if status_code == "429":
                response.setdefault(
                    "headers",
                    {"Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait before retrying."}},
                )
        return responses

    def _map_basic_serializer(self, serializer, direction):
        schema = super()._map_basic_serializer(serializer, direction)
        if isinstance(serializer, StrictSerializer):
            if type(serializer).__doc__ is None:
                schema.pop("description", None)  # StrictSerializer's own, inherited: nothing about this body
            if direction == "request":
                schema["additionalProperties"] = False
        return schema

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        if direction == "request" and isinstance(field, serializers.DecimalField) and not bypass_extensions:
            # Read as a JSON number or as the number written as text; a number is easier for most systems to send.
            number = {"type": "number"}
            if field.max_digits is not None and field.decimal_places is not None:
                bound = 10 ** (field.max_digits - field.decimal_places)
                number.update(maximum=bound, exclusiveMaximum=True, minimum=-bound, exclusiveMinimum=True)
            text = {"type": "string", "pattern": decimal_text_pattern(field)}
            schema = {
                **{key: value for key, value in schema.items() if key in ("description", "example")},
                "oneOf": [number, text],
                **({"nullable": True} if field.allow_null else {}),
            }
        return schema

    def _get_format_parameters(self):
        parameters = super()._get_format_parameters()
        for parameter in parameters:
            parameter["description"] = (
                "The format of the answer (or say it in the Accept header); the default if empty."
            )
        return parameters

    def _get_parameters(self):
        """Every optional query parameter: an empty value is the same as leaving it out (see `filters.py`)."""
        parameters = super()._get_parameters()
        filterset_class = getattr(self.view, "filterset_class", None) if self._is_list_view() else None
        filters = filterset_class.base_filters if filterset_class is not None else {}
        for parameter in parameters:
            if parameter["in"] != "query" or parameter.get("required"):
                continue
            declared = filters.get(parameter["name"])
            # A filter's help text is lost where its schema comes from an annotation on its class.
            description = (parameter.get("description") or (declared and declared.extra.get("help_text")) or "").strip()
            if "empty" not in description.lower():
                description = f"{description}\n\n{EMPTY_MEANS_ANY}" if description else EMPTY_MEANS_ANY
            parameter["description"] = description
            parameter["allowEmptyValue"] = True
        return parameters


def link_record_operations(result, generator, request, public):
    """drf-spectacular postprocessing hook: OpenAPI links from a resource's list (its first row), its create (the
    new record) and each operation on a record (the same record) to every operation on one of its records."""
    paths = result.get("paths", {})
    for base, item in paths.items():
        if "{" in base:
            continue
        record_paths = [path for path in paths if path.startswith(f"{base}{{id}}/")]
        targets = [operation["operationId"] for path in record_paths for operation in paths[path].values()]
        if not targets:
            continue
        sources = [
            (operation, "200", "$response.body#/results/0/id") for method, operation in item.items() if method == "get"
        ]
        sources += [(operation, "201", "$response.body#/id") for method, operation in item.items() if method == "post"]
        sources += [
            (operation, "200", "$request.path.id") for path in record_paths for operation in paths[path].values()
        ]
        for operation, status_code, expression in sources:
            response = operation.get("responses", {}).get(status_code)
            if response is None:
                continue
            links = response.setdefault("links", {})
            for target in targets:
                if target != operation["operationId"]:
                    links.setdefault(target, {"operationId": target, "parameters": {"id": expression}})
    return result
