"""The HRA and Decent Homes in the API. Read serializers show records with the figures worked out from them (variances,
totals, decency indicators, the thirty-year projection); write serializers are `StrictSerializer`s that check shape
and references, then the views hand over to `hra.services`, which holds every rule.

Money is a decimal string with two places (pounds and pence), never a float.
"""

from rest_framework import serializers

from core.api.base import ScopedPrimaryKeyField
from core.api.serializers import StrictSerializer
from hra import projection, selectors
from hra.models import (
    QUARTERS,
    AllocationAgreement,
    CapitalReceipt,
    DecentHomesProgramme,
    HraLine,
    HraYear,
    InvestmentPlan,
    ReprofileRequest,
    StockCondition,
)

MONEY = {"max_digits": 14, "decimal_places": 2}


def money_field(**kwargs) -> serializers.DecimalField:
    return serializers.DecimalField(**MONEY, **kwargs)


class AgreementFields(serializers.Serializer):
    council_agreed_at = serializers.DateTimeField(read_only=True, allow_null=True)
    almo_agreed_at = serializers.DateTimeField(read_only=True, allow_null=True)
    agreed_by_both = serializers.BooleanField(read_only=True)


# Reads -----------------------------------------------------------------------------------------


class HraLineSerializer(serializers.ModelSerializer):
    category_code = serializers.CharField(source="category.code", read_only=True)
    kind = serializers.CharField(source="category.kind", read_only=True)
    latest_quarter = serializers.IntegerField(read_only=True, allow_null=True)
    rag = serializers.SerializerMethodField(help_text="The latest figure against the budget: green, amber or red.")
    variance = serializers.SerializerMethodField(help_text="The latest figure less the budget, in pounds.")

    class Meta:
        model = HraLine
        fields = [
            "id", "hra_year", "category", "category_code", "kind", "name", "holder", "budget", "forecast_q1",
            "forecast_q2", "forecast_q3", "outturn", "latest_quarter", "variance", "rag", "commentary",
        ]  # fmt: skip

    def _assessment(self, line):
        quarter = line.latest_quarter
        return selectors.line_assessment(line, quarter) if quarter else None

    def get_rag(self, line) -> str | None:
        assessment = self._assessment(line)
        return assessment.rag if assessment else None

    def get_variance(self, line) -> str | None:
        assessment = self._assessment(line)
        return f"{assessment.variance:.2f}" if assessment else None


class HraTotalsSerializer(serializers.Serializer):
    measure = serializers.CharField(source="label")
    income = money_field()
    expenditure = money_field()
    surplus = money_field()
    closing = money_field(help_text="The working balance at 31 March.")


class HraCheckSerializer(serializers.Serializer):
    level = serializers.CharField()
    message = serializers.CharField()


class HraYearSerializer(serializers.ModelSerializer):
    council_name = serializers.CharField(source="council.name", read_only=True)
    lines = HraLineSerializer(many=True, read_only=True)
    totals = serializers.SerializerMethodField()
    checks = serializers.SerializerMethodField()

    class Meta:
        model = HraYear
        fields = [
            "id", "council", "council_name", "year", "label", "opening_balance", "minimum_balance",
            "general_fund_recharge_limit", "tolerance_percent", "totals", "checks", "lines",
        ]  # fmt: skip

    def get_totals(self, hra_year) -> HraTotalsSerializer(many=True):
        lines = list(hra_year.lines.all())
        return HraTotalsSerializer(selectors.all_totals(hra_year, lines), many=True).data

    def get_checks(self, hra_year) -> HraCheckSerializer(many=True):
        lines = list(hra_year.lines.all())
        flags = selectors.hra_checks(hra_year, lines, list(hra_year.allocations.all()))
        return HraCheckSerializer(flags, many=True).data


class CapitalReceiptSerializer(serializers.ModelSerializer):
    almo = serializers.IntegerField(source="allocation.almo_id", read_only=True)
    year = serializers.IntegerField(source="allocation.hra_year.year", read_only=True)

    class Meta:
        model = CapitalReceipt
        fields = [
            "id", "allocation", "almo", "year", "quarter", "kind", "homes", "amount", "almo_share", "council_share",
            "pooled", "description",
        ]  # fmt: skip


class AllocationSerializer(AgreementFields, serializers.ModelSerializer):
    year = serializers.IntegerField(source="hra_year.year", read_only=True)

    class Meta:
        model = AllocationAgreement
        fields = [
            "id", "hra_year", "year", "almo", "management_fee", "almo_share_percent", "council_share_percent",
            "pooled_percent", "notes", "council_agreed_at", "almo_agreed_at", "agreed_by_both",
        ]  # fmt: skip


class ProgrammeQuarterSerializer(serializers.Serializer):
    quarter = serializers.IntegerField()
    profile = money_field()
    spend = money_field(allow_null=True)
    sustainability = money_field(allow_null=True, help_text="Of the spend, sustainability and environmental works.")
    profile_to_date = money_field()
    spend_to_date = money_field(allow_null=True)
    rag = serializers.SerializerMethodField()
    commentary = serializers.CharField()

    def get_rag(self, row) -> str | None:
        return row.assessment.rag if row.assessment else None


class ProgrammeSerializer(AgreementFields, serializers.ModelSerializer):
    quarters = serializers.SerializerMethodField()
    checks = serializers.SerializerMethodField()

    class Meta:
        model = DecentHomesProgramme
        fields = [
            "id", "almo", "year", "label", "allocation", "sustainability_cap_percent", "tolerance_percent",
            "council_agreed_at", "almo_agreed_at", "agreed_by_both", "quarters", "checks",
        ]  # fmt: skip

    def _rows(self, programme):
        return selectors.programme_rows(programme, list(programme.quarters.all()))

    def get_quarters(self, programme) -> ProgrammeQuarterSerializer(many=True):
        return ProgrammeQuarterSerializer(self._rows(programme), many=True).data

    def get_checks(self, programme) -> HraCheckSerializer(many=True):
        return HraCheckSerializer(selectors.programme_checks(programme, self._rows(programme)), many=True).data


class ReprofileSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReprofileRequest
        fields = [
            "id", "programme", "status", "proposed_by_party", "proposed_at", "new_q1", "new_q2", "new_q3", "new_q4",
            "reason", "decided_at", "decision_reason",
        ]  # fmt: skip


class DecencySerializer(serializers.Serializer):
    homes_at_end = serializers.IntegerField()
    non_decent_at_end = serializers.IntegerField()
    RP01 = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)
    BV184a = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)
    BV184b = serializers.DecimalField(max_digits=6, decimal_places=1, allow_null=True)


class StockConditionSerializer(serializers.ModelSerializer):
    figures = serializers.SerializerMethodField(help_text="31 March, and RP01, BV184a and BV184b as percentages.")

    class Meta:
        model = StockCondition
        fields = ["id", "almo", "year", *[f.name for f in StockCondition._meta.concrete_fields[3:]], "figures"]

    def get_figures(self, stock) -> DecencySerializer:
        return DecencySerializer(selectors.decency_figures(stock)).data


class ProjectionRowSerializer(serializers.Serializer):
    index = serializers.IntegerField()
    year = serializers.IntegerField()
    need = money_field()
    resources = money_field()
    gap = money_field()
    balance = money_field()


class InvestmentPlanSerializer(serializers.ModelSerializer):
    projection = serializers.SerializerMethodField()
    runs_short_in = serializers.SerializerMethodField(help_text="The first year the balance falls below zero.")

    class Meta:
        model = InvestmentPlan
        fields = ["id", "almo", "title", "first_year", "runs_short_in", "projection"]

    def _rows(self, plan):
        return projection.project(plan.first_year, plan.archetypes.all(), plan.resources.all())

    def get_projection(self, plan) -> ProjectionRowSerializer(many=True):
        return ProjectionRowSerializer(self._rows(plan), many=True).data

    def get_runs_short_in(self, plan) -> int | None:
        row = projection.first_shortfall(self._rows(plan))
        return row.year if row else None


# Writes ----------------------------------------------------------------------------------------


class HraLineFigureSerializer(StrictSerializer):
    """A forecast at the end of a quarter (1 to 3), or the outturn (4), by the side that holds the line."""

    quarter = serializers.IntegerField(min_value=1, max_value=4)
    figure = money_field(min_value=0, allow_null=True)
    commentary = serializers.CharField(required=False, allow_blank=True, max_length=5000)


class HraReceiptCreateSerializer(StrictSerializer):
    quarter = serializers.IntegerField(min_value=1, max_value=4)
    kind = serializers.ChoiceField(choices=CapitalReceipt.Kind.choices)
    homes = serializers.IntegerField(min_value=1, max_value=100_000)
    amount = money_field(min_value=0)
    description = serializers.CharField(required=False, allow_blank=True, max_length=200)


class ProgrammeSpendSerializer(StrictSerializer):
    quarter = serializers.IntegerField(min_value=1, max_value=4)
    spend = money_field(min_value=0)
    sustainability_spend = money_field(min_value=0, required=False, allow_null=True)
    commentary = serializers.CharField(required=False, allow_blank=True, max_length=5000)


class ReprofileCreateSerializer(StrictSerializer):
    programme = ScopedPrimaryKeyField(DecentHomesProgramme)
    new_q1 = money_field(min_value=0)
    new_q2 = money_field(min_value=0)
    new_q3 = money_field(min_value=0)
    new_q4 = money_field(min_value=0)
    reason = serializers.CharField(max_length=5000)

    def new_profile(self) -> dict:
        return {quarter: self.validated_data[f"new_q{quarter}"] for quarter in QUARTERS}


class ReprofileDecisionSerializer(StrictSerializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=5000)
