"""Tenant voice models, one module per subdomain; every model is imported here so Django registers it."""

from tenants.models.involvement import GroupMeeting, GroupMember, InvolvementGroup, Recommendation
from tenants.models.surveys import AggregateCount, Survey, SurveyResponse, Tenure

__all__ = [
    "AggregateCount",
    "GroupMeeting",
    "GroupMember",
    "InvolvementGroup",
    "Recommendation",
    "Survey",
    "SurveyResponse",
    "Tenure",
]
