"""Inspection readiness models, one module per subdomain; every model is imported here so Django registers it."""

from inspections.models.assessments import Answer, Assessment, Score
from inspections.models.evidence import Evidence, EvidenceVersion
from inspections.models.frameworks import Area, Framework, Question
from inspections.models.improvement import (
    SUPPORT_OFFERED,
    DeadlineExtension,
    DeadlineWarning,
    ImprovementAction,
    ProgressNote,
    SupportMeeting,
    SupportRecord,
    SupportSource,
    SupportType,
)
from inspections.models.inspections import (
    STAR_RATED_KINDS,
    STATUTORY_KINDS,
    CalendarEntry,
    CalendarFeed,
    ConsumerGrade,
    Inspection,
    Kind,
    Prospects,
    Recommendation,
    Stars,
)
from inspections.models.reports import ReadinessReport

__all__ = [
    "SUPPORT_OFFERED",
    "STAR_RATED_KINDS",
    "STATUTORY_KINDS",
    "Answer",
    "Area",
    "Assessment",
    "CalendarEntry",
    "CalendarFeed",
    "ConsumerGrade",
    "DeadlineExtension",
    "DeadlineWarning",
    "Evidence",
    "EvidenceVersion",
    "Framework",
    "ImprovementAction",
    "Inspection",
    "Kind",
    "ProgressNote",
    "Prospects",
    "Question",
    "ReadinessReport",
    "Recommendation",
    "Score",
    "Stars",
    "SupportMeeting",
    "SupportRecord",
    "SupportSource",
    "SupportType",
]
