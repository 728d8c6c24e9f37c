"""Writes for inspection readiness, one module per subdomain; the public services are re-exported from here."""

from inspections.services.assessments import answer_save, assessment_start
from inspections.services.evidence import evidence_add, evidence_add_version, evidence_delete, evidence_update
from inspections.services.frameworks import area_add, framework_create, question_add
from inspections.services.improvement import (
    action_create,
    action_progress,
    extension_decide,
    extension_propose,
    extension_withdraw,
    support_meeting_add,
    support_record_add,
)
from inspections.services.inspections import (
    calendar_entry_add,
    calendar_feed_create,
    calendar_feed_revoke,
    feed_key_hash,
    inspection_record,
    inspection_update,
    recommendation_add,
)
from inspections.services.reports import readiness_report_request

__all__ = [
    "action_create",
    "action_progress",
    "answer_save",
    "area_add",
    "assessment_start",
    "calendar_entry_add",
    "calendar_feed_create",
    "calendar_feed_revoke",
    "evidence_add",
    "evidence_add_version",
    "evidence_delete",
    "evidence_update",
    "extension_decide",
    "extension_propose",
    "extension_withdraw",
    "feed_key_hash",
    "framework_create",
    "inspection_record",
    "inspection_update",
    "question_add",
    "readiness_report_request",
    "recommendation_add",
    "support_meeting_add",
    "support_record_add",
]
