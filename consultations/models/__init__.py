"""Consultations on an ALMO's future and their secret ballots; the app's docstring says what a ballot guarantees."""

from consultations.models.ballots import Ballot, BallotResult, LetterBatch, Tenancy, Vote, VotingCode
from consultations.models.checklist import ChecklistItem
from consultations.models.consultations import (
    BALLOT_METHODS,
    Consultation,
    FoundingTest,
    Method,
    Option,
    ProjectGroupMember,
    TimetableStage,
    ballot_rule_message,
)

__all__ = [
    "BALLOT_METHODS",
    "Ballot",
    "BallotResult",
    "ChecklistItem",
    "Consultation",
    "FoundingTest",
    "LetterBatch",
    "Method",
    "Option",
    "ProjectGroupMember",
    "Tenancy",
    "TimetableStage",
    "Vote",
    "VotingCode",
    "ballot_rule_message",
]
