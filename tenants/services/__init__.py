"""Writes for tenant voice, one module per subdomain; the public services are re-exported from here."""

from tenants.services.imports import MAX_ROWS, RowError, expected_columns
from tenants.services.involvement import (
    group_create,
    group_update,
    meeting_record,
    member_add,
    member_leave,
    recommendation_record,
    recommendation_respond,
)
from tenants.services.surveys import (
    ImportFailed,
    check_counts,
    survey_agree,
    survey_create,
    survey_import_responses,
    survey_set_counts,
    survey_update,
)

__all__ = [
    "MAX_ROWS",
    "ImportFailed",
    "RowError",
    "check_counts",
    "expected_columns",
    "group_create",
    "group_update",
    "meeting_record",
    "member_add",
    "member_leave",
    "recommendation_record",
    "recommendation_respond",
    "survey_agree",
    "survey_create",
    "survey_import_responses",
    "survey_set_counts",
    "survey_update",
]
