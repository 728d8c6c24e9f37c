"""Inspection readiness in the API. Read serializers show records; write serializers only check shape and
references, then the views hand over to `inspections.services`, which holds every rule."""

from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from core import clock
from core.api.base import ScopedPrimaryKeyField
from core.api.serializers import StrictSerializer
from inspections.models import (
    Answer,
    Area,
    Assessment,
    ConsumerGrade,
    Evidence,
    EvidenceVersion,
    Framework,
    ImprovementAction,
    Inspection,
    Kind,
    Prospects,
    Question,
    Recommendation,
    SupportRecord,
)
from inspections.readiness import readiness
from organisations.models import Almo

# Reads -----------------------------------------------------------------------------------------


class QuestionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Question
        fields = ["id", "code", "text", "guidance", "descriptor_fair", "descriptor_good", "descriptor_excellent"]


class AreaSerializer(serializers.ModelSerializer):
    questions = QuestionSerializer(many=True, read_only=True)

    class Meta:
        model = Area
        fields = ["id", "code", "title", "questions"]


class FrameworkSerializer(serializers.ModelSerializer):
    areas = AreaSerializer(many=True, read_only=True)

    class Meta:
        model = Framework
        fields = ["id", "code", "name", "description", "source", "council", "is_active", "areas"]


class AnswerSerializer(serializers.ModelSerializer):
    question_code = serializers.CharField(source="question.code", read_only=True)
    evidence = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Answer
        fields = [
            "id",
            "assessment",
            "question",
            "question_code",
            "score",
            "narrative",
            "owner",
            "last_reviewed",
            "evidence",
        ]


class ReadinessSerializer(serializers.Serializer):
    predicted_stars = serializers.IntegerField(allow_null=True, help_text="0 to 3; null until a question is scored.")
    provisional = serializers.BooleanField()
    reasons = serializers.ListField(child=serializers.CharField())
    average_score = serializers.DecimalField(max_digits=4, decimal_places=2, allow_null=True)
    questions_scored = serializers.IntegerField()
    questions = serializers.IntegerField()
    gaps = serializers.IntegerField()


class AssessmentSerializer(serializers.ModelSerializer):
    almo_name = serializers.CharField(source="almo.name", read_only=True)
    framework_name = serializers.CharField(source="framework.name", read_only=True)
    readiness = serializers.SerializerMethodField()
    answers = AnswerSerializer(many=True, read_only=True)

    class Meta:
        model = Assessment
        fields = ["id", "almo", "almo_name", "framework", "framework_name", "readiness", "answers"]

    def get_readiness(self, assessment) -> ReadinessSerializer:
        # From the prefetched answers and areas: no query per row.
        judged = readiness(list(assessment.framework.areas.all()), list(assessment.answers.all()), clock.today())
        return ReadinessSerializer(
            {
                "predicted_stars": judged.prediction.stars,
                "provisional": judged.prediction.provisional,
                "reasons": judged.prediction.reasons,
                "average_score": judged.average,
                "questions_scored": judged.scored,
                "questions": judged.total,
                "gaps": len(judged.gaps),
            }
        ).data


class EvidenceVersionSerializer(serializers.ModelSerializer):
    class Meta:
        model = EvidenceVersion
        fields = ["id", "number", "original_name", "content_type", "size", "sha256", "note", "uploaded_at"]


class EvidenceSerializer(serializers.ModelSerializer):
    versions = EvidenceVersionSerializer(many=True, read_only=True)

    class Meta:
        model = Evidence
        fields = ["id", "almo", "title", "description", "review_due", "versions"]


@extend_schema_serializer(component_name="InspectionRecommendation")
class RecommendationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Recommendation
        fields = ["id", "text", "priority"]


class InspectionSerializer(serializers.ModelSerializer):
    recommendations = RecommendationSerializer(many=True, read_only=True)
    has_report = serializers.SerializerMethodField()

    class Meta:
        model = Inspection
        fields = [
            "id",
            "almo",
            "kind",
            "title",
            "starts_on",
            "ends_on",
            "lead",
            "star_rating",
            "prospects",
            "consumer_grade",
            "summary",
            "has_report",
            "recommendations",
        ]

    def get_has_report(self, inspection) -> bool:
        return bool(inspection.report)


class ImprovementActionSerializer(serializers.ModelSerializer):
    overdue = serializers.BooleanField(read_only=True)

    class Meta:
        model = ImprovementAction
        fields = [
            "id",
            "almo",
            "title",
            "detail",
            "origin",
            "answer",
            "recommendation",
            "owner",
            "due_on",
            "status",
            "completed_on",
            "overdue",
        ]


class SupportRecordSerializer(serializers.ModelSerializer):
    class Meta:
        model = SupportRecord
        fields = [
            "id",
            "almo",
            "source",
            "support_type",
            "provider",
            "description",
            "basis",
            "cost",
            "agreed_with_government_office",
            "status",
            "requested_on",
        ]


# Writes ----------------------------------------------------------------------------------------


class ScoreSerializer(StrictSerializer):
    score = serializers.IntegerField(
        min_value=1,
        max_value=4,
        allow_null=True,
        error_messages={
            "min_value": "Score from 1 (poor) to 4 (excellent).",
            "max_value": "Score from 1 (poor) to 4 (excellent).",
        },
        help_text="1 (poor) to 4 (excellent); null if not scored yet.",
    )
    narrative = serializers.CharField(required=False, allow_blank=True, max_length=20000)
    owner = serializers.CharField(required=False, allow_blank=True, max_length=150)
    last_reviewed = serializers.DateField(required=False, allow_null=True)
    evidence = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**31 - 1),
        required=False,
        max_length=200,
        help_text="Ids of evidence from the ALMO's own library.",
    )


class InspectionCreateSerializer(StrictSerializer):
    almo = ScopedPrimaryKeyField(Almo)
    kind = serializers.ChoiceField(choices=Kind.choices)
    title = serializers.CharField(max_length=200)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    lead = serializers.CharField(max_length=200)
    star_rating = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=3)
    prospects = serializers.ChoiceField(choices=Prospects.choices, required=False, allow_blank=True)
    consumer_grade = serializers.ChoiceField(choices=ConsumerGrade.choices, required=False, allow_blank=True)
    summary = serializers.CharField(required=False, allow_blank=True, max_length=20000)

    def validate(self, attrs):
        if attrs["ends_on"] < attrs["starts_on"]:
            raise serializers.ValidationError({"ends_on": ["The inspection must end on or after the day it starts."]})
        return attrs


@extend_schema_serializer(component_name="ImprovementActionCreate")
class ActionCreateSerializer(StrictSerializer):
    almo = ScopedPrimaryKeyField(Almo)
    title = serializers.CharField(max_length=200)
    detail = serializers.CharField(required=False, allow_blank=True, max_length=20000)
    owner = serializers.CharField(max_length=150)
    due_on = serializers.DateField()
    answer = ScopedPrimaryKeyField(Answer, required=False, allow_null=True)
    recommendation = ScopedPrimaryKeyField(Recommendation, required=False, allow_null=True)


class ProgressSerializer(StrictSerializer):
    status = serializers.ChoiceField(choices=ImprovementAction.Status.choices)
    note = serializers.CharField(required=False, allow_blank=True, max_length=20000)
    due_on = serializers.DateField(required=False, allow_null=True)
