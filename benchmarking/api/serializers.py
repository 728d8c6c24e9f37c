from rest_framework import serializers

from benchmarking.models import PeerGroup
from benchmarking.selectors import COLUMNS
from core.api.serializers import PeriodParameter, YearParameter
from delivery_plans.models import Indicator


class PeerGroupSerializer(serializers.ModelSerializer):
    rule = serializers.CharField(read_only=True, help_text="The rule that picks the members, in words.")

    class Meta:
        model = PeerGroup
        fields = ["id", "name", "slug", "kind", "rule", "min_homes", "max_homes", "region", "description"]


def _blank_is_absent(data) -> dict:
    """A browser form sends empty fields; they mean 'not given', as for every list parameter (core.api.filters)."""
    return {key: value for key, value in data.items() if value != ""}


class BenchmarkingParametersSerializer(serializers.Serializer):
    period = PeriodParameter(
        required=False,
        help_text="A financial year like 2025/26 (the year-end figures) or a quarter like 2025/26-Q2 (year to date). "
        "Leave out for every period.",
    )
    indicator = serializers.CharField(
        required=False, help_text="An indicator code, or several separated by commas, such as TP01,BV212."
    )
    peer_group = serializers.SlugField(
        required=False, help_text="A peer group's slug, from /api/v1/peer-groups/. All ALMOs if left out."
    )

    def __init__(self, *args, data=None, **kwargs):
        super().__init__(*args, data=_blank_is_absent(data or {}), **kwargs)

    def validate_indicator(self, value):
        codes = [code.strip() for code in value.split(",") if code.strip()]
        user = self.context["request"].user
        known = set(Indicator.objects.restrict(user, "view").filter(code__in=codes).values_list("code", flat=True))
        unknown = [code for code in codes if code not in known]
        if unknown or not codes:
            raise serializers.ValidationError(f"There is no indicator with the code {', '.join(unknown) or value!r}.")
        return codes

    def validate_peer_group(self, value):
        groups = PeerGroup.objects.restrict(self.context["request"].user, "view")
        group = groups.filter(slug=value).first()
        if group is None:
            slugs = ", ".join(groups.values_list("slug", flat=True)) or "none defined yet"
            raise serializers.ValidationError(f"There is no peer group '{value}'. Choose one of: {slugs}.")
        return group


class TsmParametersSerializer(serializers.Serializer):
    year = YearParameter(help_text="The financial year, like 2025/26 (or 2025).")

    def __init__(self, *args, data=None, **kwargs):
        super().__init__(*args, data=_blank_is_absent(data or {}), **kwargs)

    def validate_year(self, value):
        return value.year


NUMBER = {"type": "number", "nullable": True}
INTEGER = {"type": "integer", "nullable": True}
NUMBER_COLUMNS = {"value", "numerator", "denominator", "lower_quartile", "median", "upper_quartile"}
INTEGER_COLUMNS = {"quartile_position", "rank", "peer_count"}


def benchmarking_row_schema() -> dict:
    """The JSON export's row, for the OpenAPI schema."""
    properties = {}
    for column in COLUMNS:
        if column in NUMBER_COLUMNS:
            properties[column] = NUMBER
        elif column in INTEGER_COLUMNS:
            properties[column] = INTEGER
        else:
            properties[column] = {"type": "string"}
    properties["quartile_position"] = {**INTEGER, "minimum": 1, "maximum": 4, "description": "1 is the best quarter."}
    properties["data_status"] = {"type": "string", "enum": ["accepted", "provisional"]}
    return {"type": "array", "items": {"type": "object", "properties": properties, "required": list(COLUMNS)}}


def tsm_row_schema() -> dict:
    return {
        "type": "array",
        "items": {
            "type": "object",
            "properties": {"ProviderNumber": {"type": "string"}, "ProviderType": {"type": "string", "enum": ["LARP"]}},
            "additionalProperties": {"type": "number", "nullable": True},
        },
    }
