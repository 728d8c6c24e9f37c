"""Delivery Plans in the API. Read serializers show records; write serializers only check shape and references,
then the views hand over to `delivery_plans.services`, which holds every rule.

Write serializers are `StrictSerializer`s: a key they do not declare, or a value of the wrong JSON type (text for a
number, a number for text), is a 400 naming it."""

import re
from decimal import Decimal

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api.base import ScopedPrimaryKeyField
from core.api.serializers import StrictSerializer, json_kind
from core.periods import FIRST_YEAR, LAST_YEAR, YEAR_RANGE_HELP, Period
from delivery_plans import services
from delivery_plans.models import (
    Actual,
    Amendment,
    Concern,
    DeliveryPlan,
    Indicator,
    Objective,
    PlanIndicator,
    Query,
    QueryMessage,
    Return,
    Target,
)
from organisations.access import Party

# Reads -----------------------------------------------------------------------------------------


class PersonField(serializers.CharField):
    """A person by their full name, as the pages show them; null where the portal itself acted."""

    def __init__(self, source, **kwargs):
        super().__init__(source=f"{source}.get_full_name", read_only=True, allow_null=True, **kwargs)


class IndicatorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Indicator
        fields = [
            "id",
            "code",
            "name",
            "definition",
            "group",
            "unit",
            "polarity",
            "numerator_definition",
            "denominator_definition",
            "multiplier",
            "decimal_places",
            "reporting_level",
            "source",
            "frequency",
            "is_active",
            "council",
        ]


class PlanIndicatorSerializer(serializers.ModelSerializer):
    indicator_code = serializers.CharField(source="indicator.code", read_only=True)

    class Meta:
        model = PlanIndicator
        fields = ["id", "indicator", "indicator_code", "objective", "is_active"]


class DeliveryPlanSerializer(serializers.ModelSerializer):
    almo_name = serializers.CharField(source="almo.name", read_only=True)
    indicators = PlanIndicatorSerializer(source="plan_indicators", many=True, read_only=True)

    class Meta:
        model = DeliveryPlan
        fields = [
            "id",
            "almo",
            "almo_name",
            "title",
            "first_year",
            "last_year",
            "period_label",
            "status",
            "version",
            "red_periods_for_concern",
            "council_signed_at",
            "almo_signed_at",
            "indicators",
        ]


class TargetSerializer(serializers.ModelSerializer):
    plan = serializers.IntegerField(source="plan_indicator.plan_id", read_only=True)
    indicator_code = serializers.CharField(source="plan_indicator.indicator.code", read_only=True)

    class Meta:
        model = Target
        fields = ["id", "plan", "plan_indicator", "indicator_code", "year", "quarter", "value", "tolerance"]


def _period(return_record) -> str:
    return str(Period(return_record.year, return_record.quarter))


class ActualLineSerializer(serializers.ModelSerializer):
    """One line of a return: the figure, its RAG status against target, and the variance commentary."""

    indicator_code = serializers.CharField(source="plan_indicator.indicator.code", read_only=True)
    indicator_name = serializers.CharField(source="plan_indicator.indicator.name", read_only=True)
    supplied_by = serializers.CharField(
        read_only=True, help_text="Where the figures came from when the portal filled them in (a tenant survey, say)."
    )

    class Meta:
        model = Actual
        fields = [
            "id",
            "plan_indicator",
            "indicator_code",
            "indicator_name",
            "numerator",
            "denominator",
            "value",
            "rag",
            "what_happened",
            "why",
            "recovery_action",
            "expected_recovery",
            "supplied_by",
        ]


class ActualSerializer(ActualLineSerializer):
    return_id = serializers.IntegerField(source="return_record_id", read_only=True)
    return_status = serializers.CharField(source="return_record.status", read_only=True)
    plan = serializers.IntegerField(source="return_record.plan_id", read_only=True)
    almo = serializers.IntegerField(source="return_record.plan.almo_id", read_only=True)
    period = serializers.SerializerMethodField()

    class Meta(ActualLineSerializer.Meta):
        fields = ["return_id", "return_status", "plan", "almo", "period", *ActualLineSerializer.Meta.fields]

    def get_period(self, actual) -> str:
        return _period(actual.return_record)


class ReturnSerializer(serializers.ModelSerializer):
    almo = serializers.IntegerField(source="plan.almo_id", read_only=True)
    almo_name = serializers.CharField(source="plan.almo.name", read_only=True)
    period = serializers.SerializerMethodField(help_text="The quarter, like 2025/26-Q1.")
    actuals = ActualLineSerializer(many=True, read_only=True)

    class Meta:
        model = Return
        fields = [
            "id",
            "plan",
            "almo",
            "almo_name",
            "year",
            "quarter",
            "period",
            "period_label",
            "status",
            "due_on",
            "submitted_at",
            "accepted_at",
            "actuals",
        ]

    def get_period(self, return_record) -> str:
        return _period(return_record)


class QueryMessageSerializer(serializers.ModelSerializer):
    author = PersonField("author")

    class Meta:
        model = QueryMessage
        fields = ["party", "author", "text", "created_at"]


class QuerySerializer(serializers.ModelSerializer):
    return_id = serializers.IntegerField(source="actual.return_record_id", read_only=True)
    indicator_code = serializers.CharField(source="actual.plan_indicator.indicator.code", read_only=True)
    raised_by = PersonField("raised_by")
    messages = QueryMessageSerializer(many=True, read_only=True)

    class Meta:
        model = Query
        fields = ["id", "actual", "return_id", "indicator_code", "status", "raised_by", "created_at", "messages"]


class AmendmentSerializer(serializers.ModelSerializer):
    proposed_by = PersonField("proposed_by")
    decided_by = PersonField("decided_by")

    class Meta:
        model = Amendment
        fields = [
            "id",
            "plan",
            "kind",
            "status",
            "subject",
            "reason",
            "proposing_party",
            "proposed_by",
            "proposed_at",
            "target",
            "objective",
            "plan_indicator",
            "indicator",
            "new_value",
            "new_title",
            "new_description",
            "reopens_return",
            "decided_by",
            "decided_at",
            "decision_reason",
        ]


class ConcernSerializer(serializers.ModelSerializer):
    indicator_code = serializers.CharField(source="plan_indicator.indicator.code", read_only=True, allow_null=True)
    raised_by = PersonField("raised_by")

    class Meta:
        model = Concern
        fields = [
            "id",
            "plan",
            "plan_indicator",
            "indicator_code",
            "title",
            "description",
            "about_party",
            "raised_by_party",
            "raised_by",
            "status",
            "recovery_action",
            "recovery_proposed_by_party",
            "opened_at",
            "closed_at",
        ]


# Writes ----------------------------------------------------------------------------------------


QUARTER_HELP = "Choose a quarter from 1 to 4."


class ReturnOpenSerializer(StrictSerializer):
    plan = ScopedPrimaryKeyField(DeliveryPlan)
    year = serializers.IntegerField(
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        error_messages={"min_value": YEAR_RANGE_HELP, "max_value": YEAR_RANGE_HELP},
        help_text="The financial year the quarter is in: 2025 for 2025/26.",
    )
    quarter = serializers.IntegerField(
        min_value=1,
        max_value=4,
        error_messages={"min_value": QUARTER_HELP, "max_value": QUARTER_HELP},
        help_text="1 (April to June) to 4 (January to March).",
    )


# A figure as text, as the service reads one typed into the page: digits, commas only between thousands, a point.
FIGURE_PATTERN = r"^-?([0-9]{1,3}(,[0-9]{3})+|[0-9]+)(\.[0-9]+)?$"
FIGURE_TEXT = re.compile(FIGURE_PATTERN)


@extend_schema_field(
    {
        "oneOf": [{"type": "number"}, {"type": "string", "pattern": FIGURE_PATTERN}],
        "nullable": True,
        "example": "95.5",
        "description": 'A number: a JSON number, or the number as text (commas only between thousands, like "4,410"). '
        "Null clears it.",
    }
)
class FigureField(serializers.Field):
    """A figure handed to the service as text, so it checks it exactly as it checks one typed into the page."""

    default_error_messages = {
        "invalid": 'Send a number, like 95.5 or "95.5", or null; not {kind}.',
        "not_plain": "Write the number with the digits 0 to 9, and nothing before or after it, like 95.5.",
    }

    def __init__(self, **kwargs):
        super().__init__(required=False, allow_null=True, **kwargs)

    def to_internal_value(self, data):
        if isinstance(data, str) and FIGURE_TEXT.fullmatch(data):
            return data
        if isinstance(data, str) and data:
            # The page's own message where it has one ("Use a full stop for decimals..."); else what is wrong here:
            # the page trims spaces and reads other scripts' digits, the API takes the number exactly as written.
            errors = {}
            services.parse_decimal(data, "figure", errors)
            raise serializers.ValidationError(errors.get("figure") or self.error_messages["not_plain"])
        if isinstance(data, int) and not isinstance(data, bool):
            return str(data)
        if isinstance(data, float):
            return format(Decimal(repr(data)), "f")  # 1e-05 as 0.00001: the service reads plain digits only
        self.fail("invalid", kind=json_kind(data) if data != "" else "empty text")

    def to_representation(self, value):
        return value


FIGURES = ("numerator", "denominator", "value")
COMMENTARY = ("what_happened", "why", "recovery_action", "expected_recovery")


class ActualInputSerializer(StrictSerializer):
    """One line to save: name it by `indicator_code` (or by its `actual` id). Leave a field out to keep it as is."""

    actual = serializers.IntegerField(required=False, help_text="The line's id; needed only if two share a code.")
    indicator_code = serializers.CharField(required=False, max_length=20)
    numerator = FigureField()
    denominator = FigureField()
    value = FigureField(help_text="Only for indicators that are not a ratio; a ratio's value is worked out.")
    what_happened = serializers.CharField(required=False, allow_blank=True, allow_null=True, trim_whitespace=False)
    why = serializers.CharField(required=False, allow_blank=True, allow_null=True, trim_whitespace=False)
    recovery_action = serializers.CharField(required=False, allow_blank=True, allow_null=True, trim_whitespace=False)
    expected_recovery = serializers.DateField(required=False, allow_null=True)

    def validate(self, attrs):
        if "actual" not in attrs and "indicator_code" not in attrs:
            raise serializers.ValidationError({"indicator_code": ["Name the line by its indicator_code."]})
        return attrs


class ActualsInputSerializer(StrictSerializer):
    """Figures and commentary for some or all of a return's lines, saved all together or not at all."""

    actuals = ActualInputSerializer(many=True, allow_empty=False)

    def to_rows(self, return_record) -> tuple[dict[int, dict], dict[str, list[int]]]:
        """The service's rows (keyed by actual id), and the positions of the input lines for each indicator code.

        Raises a ValidationError for the lines that are not in the return, keyed by their position from 0, as DRF
        reports errors in a list.
        """
        lines = list(return_record.actuals.select_related("plan_indicator__indicator"))
        by_id = {line.pk: line for line in lines}
        by_code: dict[str, list[Actual]] = {}
        for line in lines:
            by_code.setdefault(line.plan_indicator.indicator.code, []).append(line)
        rows, positions, errors = {}, {}, {}
        for position, item in enumerate(self.validated_data["actuals"]):
            line, error = self._line_for(item, by_id, by_code)
            if line is None or line.pk in rows:
                errors[position] = error or {"actual": ["This line appears twice in the request; send it once."]}
                continue
            rows[line.pk] = self._row(item, line)
            positions.setdefault(line.plan_indicator.indicator.code, []).append(position)
        if errors:
            raise serializers.ValidationError({"actuals": errors})
        return rows, positions

    @staticmethod
    def _line_for(item, by_id, by_code):
        if "actual" in item:
            line = by_id.get(item["actual"])
            if line is None:
                return None, {"actual": [f"Line {item['actual']} is not in this return."]}
            if "indicator_code" in item and item["indicator_code"] != line.plan_indicator.indicator.code:
                return None, {"indicator_code": [f"Line {line.pk} is for {line.plan_indicator.indicator.code}."]}
            return line, None
        code = item["indicator_code"]
        matches = by_code.get(code, [])
        if not matches:
            codes = ", ".join(sorted(by_code)) or "none"
            return None, {"indicator_code": [f"This return has no line for {code}. Its lines are: {codes}."]}
        if len(matches) > 1:
            return None, {"indicator_code": [f"Two lines in this return are {code}: name the line by its actual id."]}
        return matches[0], None

    @staticmethod
    def _row(item, line: Actual) -> dict:
        """Fields left out keep their saved values: the service would otherwise read a missing figure as none."""
        row = {name: item[name] for name in COMMENTARY if name in item}
        if any(name in item for name in FIGURES):
            row.update({name: item.get(name) for name in FIGURES})
        elif line.plan_indicator.indicator.is_ratio:
            row.update(numerator=line.numerator, denominator=line.denominator, value=None)
        else:
            row.update(numerator=None, denominator=None, value=line.value)
        return row


class QueryCreateSerializer(StrictSerializer):
    actual = ScopedPrimaryKeyField(Actual, help_text="The return line the question is about.")
    text = serializers.CharField(help_text="Your question for the ALMO.")


class TextSerializer(StrictSerializer):
    text = serializers.CharField()


class AmendmentCreateSerializer(StrictSerializer):
    plan = ScopedPrimaryKeyField(DeliveryPlan)
    kind = serializers.ChoiceField(choices=Amendment.Kind.choices)
    reason = serializers.CharField(help_text="Why the plan should change.")
    target = ScopedPrimaryKeyField(Target, required=False, help_text="For a target or tolerance change.")
    new_value = serializers.DecimalField(max_digits=14, decimal_places=4, required=False)
    reopens_return = serializers.BooleanField(
        required=False,
        help_text="For a target or tolerance of a quarter whose return the ALMO has sent: agreeing sends it back.",
    )
    objective = ScopedPrimaryKeyField(Objective, required=False, help_text="For an objective change.")
    new_title = serializers.CharField(required=False, max_length=200)
    new_description = serializers.CharField(required=False)
    indicator = ScopedPrimaryKeyField(Indicator, required=False, help_text="The indicator to add.")
    plan_indicator = ScopedPrimaryKeyField(PlanIndicator, required=False, help_text="The indicator to remove.")


class DecisionSerializer(StrictSerializer):
    reason = serializers.CharField(required=False, allow_blank=True, help_text="Needed when you decline.")


class ConcernCreateSerializer(StrictSerializer):
    plan = ScopedPrimaryKeyField(DeliveryPlan)
    title = serializers.CharField(max_length=200)
    description = serializers.CharField()
    about_party = serializers.ChoiceField(choices=Party.choices, help_text="Whose performance is in question.")


class RecoverySerializer(StrictSerializer):
    recovery_action = serializers.CharField(help_text="What will be done, by whom, by when.")
