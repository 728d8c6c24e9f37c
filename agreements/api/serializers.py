"""How agreements, meetings and the intervention ladder read in the API, and the bodies its writes take."""

from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from agreements.models import (
    AgendaItem,
    Clause,
    Deadline,
    DelegatedFunction,
    FinancialLimit,
    Intervention,
    InterventionStage,
    InterventionStep,
    ManagementAgreement,
    Meeting,
    MeetingAction,
    Notice,
    StageDeadline,
)
from core.api.base import ScopedPrimaryKeyField
from core.api.serializers import StrictSerializer


class PersonField(serializers.CharField):
    """A person by their full name, as the pages show them; null where nobody has acted yet."""

    def __init__(self, source, **kwargs):
        super().__init__(source=f"{source}.get_full_name", read_only=True, allow_null=True, **kwargs)


class DelegatedFunctionSerializer(serializers.ModelSerializer):
    almo = serializers.IntegerField(source="agreement.almo_id", read_only=True)
    agreement_status = serializers.CharField(source="agreement.status", read_only=True)

    class Meta:
        model = DelegatedFunction
        fields = [
            "id",
            "agreement",
            "almo",
            "agreement_status",
            "function",
            "arrangement",
            "limit",
            "limit_unit",
            "decision_maker",
            "notes",
        ]


class FinancialLimitSerializer(serializers.ModelSerializer):
    class Meta:
        model = FinancialLimit
        fields = ["subject", "amount", "basis"]


class ClauseSerializer(serializers.ModelSerializer):
    class Meta:
        model = Clause
        fields = ["number", "heading", "text"]


class AgreementSerializer(serializers.ModelSerializer):
    council_agreed_by = PersonField("council_agreed_by")
    almo_agreed_by = PersonField("almo_agreed_by")
    has_document = serializers.SerializerMethodField()
    functions = DelegatedFunctionSerializer(many=True, read_only=True)
    limits = FinancialLimitSerializer(many=True, read_only=True)
    clauses = ClauseSerializer(many=True, read_only=True)

    class Meta:
        model = ManagementAgreement
        fields = [
            "id",
            "almo",
            "version",
            "title",
            "status",
            "starts_on",
            "initial_end_on",
            "renewal_years",
            "renewal_notice_on",
            "break_on",
            "review_on",
            "management_fee",
            "indexation",
            "indexation_rate",
            "indexation_notes",
            "has_document",
            "council_agreed_by",
            "council_agreed_at",
            "almo_agreed_by",
            "almo_agreed_at",
            "functions",
            "limits",
            "clauses",
        ]

    def get_has_document(self, obj) -> bool:
        return bool(obj.document)


class AgendaItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = AgendaItem
        fields = ["id", "source", "heading", "position", "title", "detail", "reference", "rag", "minutes", "decision"]


class MeetingSerializer(serializers.ModelSerializer):
    almo = serializers.IntegerField(source="series.almo_id", read_only=True)
    series_name = serializers.CharField(source="series.name", read_only=True)
    kind = serializers.CharField(source="series.kind", read_only=True)
    items = AgendaItemSerializer(many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "series",
            "series_name",
            "kind",
            "almo",
            "held_on",
            "location",
            "status",
            "attendees",
            "apologies",
            "summary",
            "items",
        ]


class ActionSerializer(serializers.ModelSerializer):
    almo = serializers.IntegerField(source="series.almo_id", read_only=True)
    owner = serializers.CharField(source="owner_display", read_only=True)
    is_overdue = serializers.BooleanField(read_only=True)

    class Meta:
        model = MeetingAction
        fields = [
            "id",
            "series",
            "almo",
            "raised_at",
            "description",
            "owner",
            "due_on",
            "status",
            "is_overdue",
            "closing_note",
            "closed_on",
        ]


class StageDeadlineSerializer(serializers.ModelSerializer):
    class Meta:
        model = StageDeadline
        fields = ["name", "working_days", "counts_from", "owed_by"]


@extend_schema_serializer(component_name="LadderStage")
class StageSerializer(serializers.ModelSerializer):
    deadlines = StageDeadlineSerializer(many=True, read_only=True)

    class Meta:
        model = InterventionStage
        fields = ["id", "position", "code", "name", "description", "almo_only", "is_options_appraisal", "deadlines"]


class DeadlineSerializer(serializers.ModelSerializer):
    class Meta:
        model = Deadline
        fields = ["id", "name", "working_days", "counts_from", "owed_by", "due_on", "met_on", "note"]


class NoticeSerializer(serializers.ModelSerializer):
    served_by = PersonField("served_by")

    class Meta:
        model = Notice
        fields = [
            "id",
            "served_by_party",
            "served_by",
            "served_on",
            "subject",
            "text",
            "response_due_on",
            "response",
            "responded_on",
        ]


class StepSerializer(serializers.ModelSerializer):
    stage = serializers.CharField(source="stage.code", read_only=True)
    deadlines = DeadlineSerializer(many=True, read_only=True)
    notices = NoticeSerializer(many=True, read_only=True)

    class Meta:
        model = InterventionStep
        fields = ["stage", "started_on", "ended_on", "reason", "deadlines", "notices"]


class InterventionSerializer(serializers.ModelSerializer):
    current_stage = serializers.CharField(source="current_stage.code", read_only=True)
    steps = StepSerializer(many=True, read_only=True)

    class Meta:
        model = Intervention
        fields = [
            "id",
            "almo",
            "about_party",
            "opened_by_party",
            "title",
            "failure",
            "concern_title",
            "status",
            "current_stage",
            "started_on",
            "closed_on",
            "resolution",
            "steps",
        ]


# Writes ----------------------------------------------------------------------------------------


@extend_schema_serializer(component_name="MeetingActionCreate")
class ActionCreateSerializer(StrictSerializer):
    meeting = ScopedPrimaryKeyField(Meeting)
    description = serializers.CharField()
    due_on = serializers.DateField()
    owner_name = serializers.CharField(
        max_length=150, required=False, allow_blank=True, help_text="Who owns it: a person outside the portal."
    )


class ActionUpdateSerializer(StrictSerializer):
    status = serializers.ChoiceField(choices=MeetingAction.Status.choices)
    closing_note = serializers.CharField(required=False, allow_blank=True)
    due_on = serializers.DateField(required=False)


class EscalateSerializer(StrictSerializer):
    stage = serializers.SlugRelatedField(slug_field="code", queryset=InterventionStage.objects.all())
    reason = serializers.CharField(required=False, allow_blank=True)
