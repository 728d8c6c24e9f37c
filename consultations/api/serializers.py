"""Consultations and ballots in the API, read only. No vote-level data is ever served: a ballot shows its turnout
as a number, and its count per option only once the overseer has published it."""

from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from consultations.models import Ballot, BallotResult, ChecklistItem, Consultation, Option, TimetableStage


class OptionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Option
        fields = ["id", "title", "summary", "pros", "cons", "impact_on_residents", "position"]


@extend_schema_serializer(component_name="ConsultationStage")
class StageSerializer(serializers.ModelSerializer):
    class Meta:
        model = TimetableStage
        fields = ["title", "starts_on", "ends_on", "description"]


class ChecklistItemSerializer(serializers.ModelSerializer):
    confirmed_by = serializers.CharField(source="confirmed_by.get_full_name", read_only=True, allow_null=True)
    has_evidence = serializers.SerializerMethodField()

    class Meta:
        model = ChecklistItem
        fields = ["key", "text", "reference", "required", "status", "has_evidence", "confirmed_by", "confirmed_at"]

    def get_has_evidence(self, item) -> bool:
        return bool(item.evidence)


class ConsultationSerializer(serializers.ModelSerializer):
    almo_name = serializers.CharField(source="almo.name", read_only=True)
    options = OptionSerializer(many=True, read_only=True)
    timetable = StageSerializer(source="stages", many=True, read_only=True)
    checklist = ChecklistItemSerializer(many=True, read_only=True)
    ballot = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = Consultation
        fields = [
            "id",
            "almo",
            "almo_name",
            "subject",
            "purpose",
            "decision_criteria",
            "is_future_review",
            "method",
            "status",
            "overseeing_organisation",
            "independent_tenant_adviser",
            "decision",
            "decided_on",
            "options",
            "timetable",
            "checklist",
            "ballot",
        ]


@extend_schema_serializer(component_name="BallotResult")
class ResultSerializer(serializers.ModelSerializer):
    option_title = serializers.CharField(source="option.title", read_only=True)

    class Meta:
        model = BallotResult
        fields = ["option", "option_title", "votes"]


class BallotSerializer(serializers.ModelSerializer):
    almo = serializers.IntegerField(source="consultation.almo_id", read_only=True)
    votes_cast = serializers.IntegerField(read_only=True, help_text="How many have voted: shown while open too.")
    results = serializers.SerializerMethodField(help_text="The count per option; null until the result is published.")
    final_hash = serializers.SerializerMethodField(help_text="The vote chain's last hash; null until published.")

    class Meta:
        model = Ballot
        fields = [
            "id",
            "consultation",
            "almo",
            "question",
            "status",
            "opens_on",
            "closes_on",
            "eligible_count",
            "votes_cast",
            "results",
            "final_hash",
            "verified_ok",
            "published_at",
        ]

    @extend_schema_field(ResultSerializer(many=True, allow_null=True))
    def get_results(self, ballot):
        if ballot.status != Ballot.Status.PUBLISHED:
            return None
        return ResultSerializer(ballot.published_results, many=True).data

    def get_final_hash(self, ballot) -> str | None:
        return ballot.final_hash if ballot.status == Ballot.Status.PUBLISHED else None
