"""SLAs in the API. Read serializers show records; write serializers only check shape and references, then the views
hand over to `slas.services`, which holds every rule. Write serializers are `StrictSerializer`s: an unknown key, or a
value of the wrong JSON type, is a 400 naming it."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api.base import ScopedPrimaryKeyField
from core.api.serializers import StrictSerializer
from core.periods import FIRST_YEAR, LAST_YEAR, Period
from slas import selectors
from slas.models import (
    Benchmark,
    Dispute,
    DisputeEvent,
    Outcome,
    ServiceLevelAgreement,
    ServiceStandard,
    SlaVersion,
    Stage,
    StandardResult,
)

# Reads -----------------------------------------------------------------------------------------


class SlaTermsSerializer(serializers.ModelSerializer):
    class Meta:
        model = SlaVersion
        fields = [
            "number",
            "status",
            "starts_on",
            "ends_on",
            "annual_charge",
            "charging_basis",
            "unit",
            "unit_rate",
            "notice_months",
            "notice_by",
            "review_date",
            "council_agreed_at",
            "almo_agreed_at",
        ]


class SlaStandardSerializer(serializers.ModelSerializer):
    class Meta:
        model = ServiceStandard
        fields = ["id", "title", "description", "unit", "polarity", "target", "tolerance", "latest_rag"]


class SlaValueSerializer(serializers.Serializer):
    cost_per_home = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    benchmark_per_home = serializers.DecimalField(
        max_digits=12, decimal_places=2, allow_null=True, help_text="The median of the SLA's benchmarks."
    )
    difference_percent = serializers.DecimalField(max_digits=8, decimal_places=1, allow_null=True)
    margin_percent = serializers.DecimalField(max_digits=5, decimal_places=1)
    above_benchmark = serializers.BooleanField()
    benchmark_count = serializers.IntegerField()


class SlaSerializer(serializers.ModelSerializer):
    almo_name = serializers.CharField(source="almo.name", read_only=True)
    terms = SlaTermsSerializer(
        source="current_version", read_only=True, allow_null=True, help_text="The terms in force."
    )
    terms_being_negotiated = serializers.SerializerMethodField()
    standards = serializers.SerializerMethodField(help_text="The service standards of the terms in force.")
    value = serializers.SerializerMethodField()

    class Meta:
        model = ServiceLevelAgreement
        fields = [
            "id",
            "almo",
            "almo_name",
            "service",
            "title",
            "provider_team",
            "status",
            "value_margin_percent",
            "ended_on",
            "terms",
            "terms_being_negotiated",
            "standards",
            "value",
        ]

    @extend_schema_field(SlaTermsSerializer(allow_null=True))
    def get_terms_being_negotiated(self, sla):
        versions = sla.open_versions
        return SlaTermsSerializer(versions[0]).data if versions else None

    @extend_schema_field(SlaStandardSerializer(many=True))
    def get_standards(self, sla):
        return SlaStandardSerializer(sla.current_version.standards.all() if sla.current_version else [], many=True).data

    @extend_schema_field(SlaValueSerializer)
    def get_value(self, sla):
        return SlaValueSerializer(selectors.value_for_money(sla, sla.benchmarks.all())).data


class SlaResultSerializer(serializers.ModelSerializer):
    sla = serializers.IntegerField(source="standard.version.sla_id", read_only=True)
    standard_title = serializers.CharField(source="standard.title", read_only=True)
    period = serializers.SerializerMethodField(help_text="The quarter, like 2025/26-Q1.")

    class Meta:
        model = StandardResult
        fields = [
            "id",
            "sla",
            "standard",
            "standard_title",
            "year",
            "quarter",
            "period",
            "actual",
            "target",
            "tolerance",
            "rag",
            "what_happened",
            "why",
            "action",
            "recorded_by_party",
            "recorded_at",
        ]

    def get_period(self, result) -> str:
        return str(Period(result.year, result.quarter))


class SlaBenchmarkSerializer(serializers.ModelSerializer):
    class Meta:
        model = Benchmark
        fields = [
            "id",
            "sla",
            "kind",
            "source",
            "year",
            "amount",
            "basis",
            "homes_covered",
            "currency",
            "rate_to_pounds",
            "uplift_percent",
            "cost_per_home",
            "compared_year",
            "added_by_party",
            "added_at",
        ]


class SlaDisputeEventSerializer(serializers.ModelSerializer):
    by = serializers.CharField(source="by.get_full_name", read_only=True)

    class Meta:
        model = DisputeEvent
        fields = ["stage", "note", "by", "party", "at"]


class SlaDisputeSerializer(serializers.ModelSerializer):
    events = SlaDisputeEventSerializer(many=True, read_only=True)

    class Meta:
        model = Dispute
        fields = [
            "id",
            "sla",
            "title",
            "description",
            "amount_disputed",
            "stage",
            "raised_by_party",
            "raised_at",
            "outcome",
            "outcome_detail",
            "credit_agreed",
            "resolved_at",
            "events",
        ]


# Writes ----------------------------------------------------------------------------------------


def _text(required=True, **kwargs):
    return serializers.CharField(required=required, allow_blank=not required, **kwargs)


class SlaResultCreateSerializer(StrictSerializer):
    """A quarter's result for one standard in force. Red and amber need what_happened, why and action."""

    standard = ScopedPrimaryKeyField(ServiceStandard)
    year = serializers.IntegerField(min_value=FIRST_YEAR, max_value=LAST_YEAR, help_text="2026 for 2026/27.")
    quarter = serializers.IntegerField(min_value=1, max_value=4)
    actual = serializers.DecimalField(max_digits=12, decimal_places=2)
    what_happened = _text(False)
    why = _text(False)
    action = _text(False, help_text="What is being done.")


class SlaBenchmarkCreateSerializer(StrictSerializer):
    sla = ScopedPrimaryKeyField(ServiceLevelAgreement)
    kind = serializers.ChoiceField(choices=Benchmark.Kind.choices)
    source = serializers.CharField(max_length=200)
    year = serializers.IntegerField(min_value=FIRST_YEAR, max_value=LAST_YEAR, help_text="The year it is priced at.")
    amount = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0)
    basis = serializers.ChoiceField(choices=Benchmark.Basis.choices)
    homes_covered = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    currency = serializers.CharField(required=False, max_length=3, help_text="GBP (the default) or another code.")
    rate_to_pounds = serializers.DecimalField(max_digits=12, decimal_places=6, required=False, allow_null=True)
    uplift_percent = serializers.DecimalField(max_digits=6, decimal_places=2, required=False, allow_null=True)


class SlaDisputeCreateSerializer(StrictSerializer):
    sla = ScopedPrimaryKeyField(ServiceLevelAgreement)
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(help_text="What is disputed, and what you want to happen.")
    amount_disputed = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=0, required=False, allow_null=True
    )


class SlaDisputeMoveSerializer(StrictSerializer):
    stage = serializers.ChoiceField(choices=Stage.choices, help_text="Only forward; resolved from any stage.")
    note = serializers.CharField(help_text="What was discussed or decided.")
    outcome = serializers.ChoiceField(choices=Outcome.choices, required=False, help_text="When resolving.")
    credit_agreed = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=0, required=False, allow_null=True
    )
