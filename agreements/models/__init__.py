"""Agreements models, one module per subdomain; every model is imported here so Django registers it."""

from agreements.models.agreements import Clause, DelegatedFunction, FinancialLimit, ManagementAgreement
from agreements.models.interventions import (
    Deadline,
    Intervention,
    InterventionStage,
    InterventionStep,
    Notice,
    StageDeadline,
)
from agreements.models.meetings import AgendaItem, Meeting, MeetingAction, MeetingSeries
from agreements.models.reminders import ReminderSent

__all__ = [
    "AgendaItem",
    "Clause",
    "Deadline",
    "DelegatedFunction",
    "FinancialLimit",
    "Intervention",
    "InterventionStage",
    "InterventionStep",
    "ManagementAgreement",
    "Meeting",
    "MeetingAction",
    "MeetingSeries",
    "Notice",
    "ReminderSent",
    "StageDeadline",
]
