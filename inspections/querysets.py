"""Querysets for inspection readiness: where each record belongs under the one access rule, and reusable filters.

Frameworks are reference data: the shipped ones (no council) are read by everyone signed in, a council's own by its
people and its ALMOs. An ALMO keeps its self-assessments, evidence, improvement plan and support records; either
party records inspections and calendar entries; a calendar feed belongs to the person who made it.
"""

from django.db.models import BooleanField, ExpressionWrapper, Q

from core import clock
from organisations.access import EITHER_PARTY, OWNER, Party, ScopedQuerySet


class FrameworkQuerySet(ScopedQuerySet):
    almo_path = None
    council_path = "council"
    shared_with_almos = True
    open_when_unowned = True
    write_parties = {"change": Party.COUNCIL}

    def active(self):
        return self.filter(is_active=True)


class AreaQuerySet(FrameworkQuerySet):
    council_path = "framework__council"


class QuestionQuerySet(FrameworkQuerySet):
    council_path = "area__framework__council"


class AssessmentQuerySet(ScopedQuerySet):
    # A readiness PDF is asked for by the ALMO's staff or its council's officers; its board reads them.
    write_parties = {"change": Party.ALMO, "report": EITHER_PARTY}


class AnswerQuerySet(ScopedQuerySet):
    almo_path = "assessment__almo"
    council_path = "assessment__almo__council"
    write_parties = {"change": Party.ALMO}


class EvidenceQuerySet(ScopedQuerySet):
    write_parties = {"change": Party.ALMO}

    def review_due_by(self, day):
        return self.filter(review_due__isnull=False, review_due__lte=day)


class EvidenceVersionQuerySet(ScopedQuerySet):
    almo_path = "evidence__almo"
    council_path = "evidence__almo__council"
    write_parties = {"change": Party.ALMO}


class InspectionQuerySet(ScopedQuerySet):
    # Either side records what it arranged: the ALMO its mock inspections, the council its reviews.
    write_parties = {"change": EITHER_PARTY}

    def statutory(self):
        return self.filter(kind__in=["inspectorate", "regulator"])


class RecommendationQuerySet(ScopedQuerySet):
    almo_path = "inspection__almo"
    council_path = "inspection__almo__council"
    write_parties = {"change": EITHER_PARTY}


class CalendarEntryQuerySet(ScopedQuerySet):
    """An entry for one ALMO, or for all of a council's ALMOs (no ALMO): those its ALMOs' people read too."""

    almo_path = "almo"
    council_path = "council"
    shared_with_almos = True
    write_parties = {"change": EITHER_PARTY}


class CalendarFeedQuerySet(ScopedQuerySet):
    owner_path = "user"
    write_parties = {"change": OWNER}

    def live(self):
        return self.filter(revoked_at__isnull=True)


class ImprovementActionQuerySet(ScopedQuerySet):
    write_parties = {"change": Party.ALMO}

    def open(self):
        return self.exclude(status="done")

    def with_overdue(self, today=None):
        """Each action marked `overdue`: past its due date and not done, judged on the business date."""
        today = today or clock.today()
        overdue = Q(due_on__lt=today) & ~Q(status="done")
        return self.annotate(overdue=ExpressionWrapper(overdue, output_field=BooleanField()))

    def overdue(self, today=None):
        return self.open().filter(due_on__lt=today or clock.today())


class ProgressNoteQuerySet(ScopedQuerySet):
    almo_path = "action__almo"
    council_path = "action__almo__council"
    write_parties = {"change": Party.ALMO}


class SupportRecordQuerySet(ScopedQuerySet):
    write_parties = {"change": Party.ALMO}


class SupportMeetingQuerySet(ScopedQuerySet):
    # Progress meetings are held together: either side writes up the notes.
    write_parties = {"change": EITHER_PARTY}


class DeadlineExtensionQuerySet(ScopedQuerySet):
    write_parties = {"propose": EITHER_PARTY, "decide": EITHER_PARTY, "withdraw": EITHER_PARTY}

    def open(self):
        return self.filter(status="proposed")


class ReadinessReportQuerySet(ScopedQuerySet):
    almo_path = "assessment__almo"
    council_path = "assessment__almo__council"
    write_parties = {}
