"""Tenant voice in the API: aggregates only. A survey comes with its results per measure and its precision;
respondent-level answers never leave the app through the API."""

from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from tenants import selectors
from tenants.models import InvolvementGroup, Recommendation, Survey


@extend_schema_serializer(component_name="TsmResult")
class ResultSerializer(serializers.Serializer):
    code = serializers.CharField(source="measure.code")
    name = serializers.CharField(source="measure.name")
    base = serializers.CharField(source="measure.base_description")
    numerator = serializers.IntegerField(help_text="Very or fairly satisfied (TP08: agree or strongly agree).")
    denominator = serializers.IntegerField(help_text="Answered on the five-point scale.")
    not_on_scale = serializers.IntegerField(
        source="counts.not_on_scale", help_text="Asked, but answered don't know, not applicable or left blank."
    )
    value = serializers.DecimalField(
        max_digits=4, decimal_places=1, allow_null=True, help_text="Percentage; null with a base of zero."
    )


class PrecisionSerializer(serializers.Serializer):
    margin_of_error = serializers.DecimalField(
        source="margin", max_digits=5, decimal_places=2, allow_null=True, help_text="Percentage points, 95% confidence."
    )
    required_margin = serializers.IntegerField(source="required")
    responses_needed = serializers.IntegerField(source="needed")
    further_responses_needed = serializers.IntegerField(source="further_needed")
    meets_required_precision = serializers.BooleanField(source="meets")


class SurveySerializer(serializers.ModelSerializer):
    almo_name = serializers.CharField(source="almo.name", read_only=True)
    period = serializers.CharField(source="year_label", read_only=True)
    agreed_by_both = serializers.BooleanField(read_only=True)
    precision = serializers.SerializerMethodField()
    results = serializers.SerializerMethodField()

    class Meta:
        model = Survey
        fields = [
            "id",
            "almo",
            "almo_name",
            "year",
            "period",
            "tenure",
            "method",
            "fieldwork_start",
            "fieldwork_end",
            "population",
            "sample_issued",
            "achieved",
            "entry",
            "council_agreed_at",
            "almo_agreed_at",
            "agreed_by_both",
            "precision",
            "results",
        ]

    @extend_schema_field(PrecisionSerializer)
    def get_precision(self, survey):
        return PrecisionSerializer(selectors.survey_precision(survey)).data

    @extend_schema_field(ResultSerializer(many=True))
    def get_results(self, survey):
        counts = self.context.get("counts") or selectors.counts_for_surveys([survey])
        return ResultSerializer(selectors.results_from_counts(survey, counts.get(survey.pk, {})), many=True).data


@extend_schema_serializer(component_name="TenantRecommendation")
class RecommendationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Recommendation
        fields = ["id", "title", "detail", "made_on", "respond_by", "status", "response", "responded_on"]


class InvolvementGroupSerializer(serializers.ModelSerializer):
    almo_name = serializers.CharField(source="almo.name", read_only=True)
    current_members = serializers.IntegerField(read_only=True)
    recommendations = RecommendationSerializer(many=True, read_only=True)

    class Meta:
        model = InvolvementGroup
        fields = [
            "id",
            "almo",
            "almo_name",
            "name",
            "kind",
            "purpose",
            "founded_on",
            "is_active",
            "current_members",
            "recommendations",
        ]
