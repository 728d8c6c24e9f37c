"""Inspection readiness in the API: reads for everyone the access rule lets in, writes where the pages write.

Every write checks the caller may take the action (403 if they can see the record but not act on it), then calls
the service the page calls. The services' own errors become 400s with field names.
"""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.response import Response

from core import clock
from core.api.base import ScopedViewSet
from inspections import services
from inspections.api import filtersets
from inspections.api import serializers as s
from inspections.models import (
    Answer,
    Area,
    Assessment,
    Evidence,
    EvidenceVersion,
    Framework,
    ImprovementAction,
    Inspection,
    Question,
    SupportRecord,
)
from organisations.access import Party, acting_party

READ = (mixins.ListModelMixin, mixins.RetrieveModelMixin)
AREAS = Prefetch("areas", queryset=Area.objects.prefetch_related(Prefetch("questions", Question.objects.all())))


class FrameworkViewSet(*READ, ScopedViewSet):
    """The shipped frameworks and councils' own, with their areas and questions."""

    queryset = Framework.objects.prefetch_related(AREAS)
    serializer_class = s.FrameworkSerializer
    filterset_class = filtersets.FrameworkFilterSet
    ordering_fields = ["name", "code"]


class AssessmentViewSet(*READ, ScopedViewSet):
    """Self-assessments with every answer and the readiness the portal works out: predicted stars, gaps."""

    queryset = Assessment.objects.select_related("almo", "framework").prefetch_related(
        Prefetch("framework__areas", queryset=Area.objects.all()),
        Prefetch(
            "answers",
            queryset=Answer.objects.select_related("question").prefetch_related(
                Prefetch("evidence", queryset=Evidence.objects.only("pk"))
            ),
        ),
    )
    serializer_class = s.AssessmentSerializer
    filterset_class = filtersets.AssessmentFilterSet
    ordering_fields = ["almo__name", "framework__name"]


class AnswerViewSet(*READ, ScopedViewSet):
    queryset = Answer.objects.select_related("question").prefetch_related(
        Prefetch("evidence", queryset=Evidence.objects.only("pk"))
    )
    serializer_class = s.AnswerSerializer
    ordering_fields = ["id"]

    @extend_schema(request=s.ScoreSerializer, responses={200: s.AnswerSerializer})
    @action(detail=True, methods=["post"])
    def score(self, request, pk=None):
        """Score the question, with its narrative, owner, last-reviewed date and evidence. Left-out fields keep
        their values."""
        answer = self.get_object()
        self.require(answer, "change", "Only the ALMO's staff can score its self-assessment.")
        form = self.read_body(s.ScoreSerializer)
        data = form.validated_data
        evidence_ids = data.get("evidence")
        evidence = (
            list(answer.evidence.all())
            if evidence_ids is None
            else list(Evidence.objects.restrict(request.user).filter(pk__in=evidence_ids))
        )
        if evidence_ids is not None and len(evidence) != len(set(evidence_ids)):
            return Response({"evidence": ["Send ids of evidence you can see."]}, status=status.HTTP_400_BAD_REQUEST)
        services.answer_save(
            actor=request.user,
            answer=answer,
            score=data["score"],
            narrative=data.get("narrative", answer.narrative),
            owner=data.get("owner", answer.owner),
            last_reviewed=data.get("last_reviewed", answer.last_reviewed),
            evidence=evidence,
        )
        return Response(self.get_serializer(self.get_fresh(answer)).data)


class EvidenceViewSet(*READ, ScopedViewSet):
    """The evidence library's records and versions; files are downloaded from the pages."""

    queryset = Evidence.objects.prefetch_related(Prefetch("versions", EvidenceVersion.objects.all()))
    serializer_class = s.EvidenceSerializer
    filterset_class = filtersets.EvidenceFilterSet
    ordering_fields = ["title", "review_due"]


@extend_schema_view(create=extend_schema(request=s.InspectionCreateSerializer, responses={201: s.InspectionSerializer}))
class InspectionViewSet(*READ, mixins.CreateModelMixin, ScopedViewSet):
    """Inspections, audits and reviews of every kind, with their outcomes and recommendations."""

    queryset = Inspection.objects.prefetch_related("recommendations")
    serializer_class = s.InspectionSerializer
    filterset_class = filtersets.InspectionFilterSet
    ordering_fields = ["starts_on", "ends_on"]

    def create(self, request, *args, **kwargs):
        form = self.read_body(s.InspectionCreateSerializer)
        data = dict(form.validated_data)
        almo = data.pop("almo")
        if acting_party(request.user, almo) is None:
            return Response(
                {"detail": "Only the ALMO's staff and its council's officers can record an inspection."},
                status=status.HTTP_403_FORBIDDEN,
            )
        inspection = services.inspection_record(actor=request.user, almo=almo, **data)
        return Response(self.get_serializer(self.get_fresh(inspection)).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    create=extend_schema(request=s.ActionCreateSerializer, responses={201: s.ImprovementActionSerializer})
)
class ImprovementActionViewSet(*READ, mixins.CreateModelMixin, ScopedViewSet):
    """The improvement plan's actions; `overdue` is judged on the business date."""

    serializer_class = s.ImprovementActionSerializer
    filterset_class = filtersets.ImprovementActionFilterSet
    ordering_fields = ["due_on", "status"]

    def get_queryset(self):
        return ImprovementAction.objects.with_overdue(clock.today()).restrict(self.request.user)

    def create(self, request, *args, **kwargs):
        form = self.read_body(s.ActionCreateSerializer)
        data = dict(form.validated_data)
        almo = data.pop("almo")
        if acting_party(request.user, almo) != Party.ALMO:
            return Response(
                {"detail": "Only the ALMO's staff can add to its improvement plan."}, status=status.HTTP_403_FORBIDDEN
            )
        action = services.action_create(actor=request.user, almo=almo, **data)
        return Response(self.get_serializer(self.get_fresh(action)).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.ProgressSerializer, responses={200: s.ImprovementActionSerializer})
    @action(detail=True, methods=["post"])
    def progress(self, request, pk=None):
        """Record progress: a status, a note, perhaps a new due date."""
        improvement_action = self.get_object()
        self.require(improvement_action, "change", "Only the ALMO's staff can record progress on its actions.")
        form = self.read_body(s.ProgressSerializer)
        services.action_progress(actor=request.user, action=improvement_action, **form.validated_data)
        return Response(self.get_serializer(self.get_fresh(improvement_action)).data)


class SupportRecordViewSet(*READ, ScopedViewSet):
    """Support taken under the ALMO Support Framework."""

    queryset = SupportRecord.objects.all()
    serializer_class = s.SupportRecordSerializer
    filterset_class = filtersets.SupportRecordFilterSet
    ordering_fields = ["requested_on"]
