"""Forms for the improvement plan, support records, progress meetings and deadline extensions."""

from django import forms

from inspections.forms.fields import date_field, text_area
from inspections.models import ImprovementAction, SupportRecord, SupportSource, SupportType


class ActionForm(forms.Form):
    title = forms.CharField(label="Action", max_length=200, error_messages={"required": "Enter the action"})
    detail = text_area("Detail", required=False, rows=3)
    owner = forms.CharField(label="Owner", max_length=150, error_messages={"required": "Enter who owns the action"})
    due_on = date_field("Due date")


class ProgressForm(forms.Form):
    status = forms.ChoiceField(
        label="Status",
        choices=ImprovementAction.Status.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the status"},
    )
    due_on = date_field("Due date")
    note = text_area("Progress note", required=False, rows=3)


class SupportRecordForm(forms.Form):
    source = forms.ChoiceField(
        label="Source of support",
        choices=[("", "Choose a source"), *SupportSource.choices],
        error_messages={"required": "Choose the source of support"},
    )
    support_type = forms.ChoiceField(
        label="Type of support",
        choices=[("", "Choose a type"), *SupportType.choices],
        help_text="Each source offers certain types of support, as the ALMO Support Framework sets out.",
        error_messages={"required": "Choose the type of support"},
    )
    provider = forms.CharField(
        label="Provider",
        max_length=200,
        help_text="For example, the name of the peer ALMO or the consultancy.",
        error_messages={"required": "Enter who provides the support"},
    )
    description = text_area("What the support is for", required=False, rows=3)
    basis = forms.ChoiceField(
        label="Basis",
        choices=SupportRecord.Basis.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose free advice or paid consultancy"},
    )
    cost = forms.DecimalField(
        label="Cost in pounds",
        required=False,
        min_value=0,
        max_digits=10,
        decimal_places=2,
        help_text="0 for free advice.",
        error_messages={"invalid": "Enter the cost as a number, like 1500", "min_value": "The cost cannot be negative"},
    )
    agreed_with_government_office = forms.BooleanField(
        label="It is in the improvement plan agreed with the Government Office", required=False
    )
    status = forms.ChoiceField(label="Status", choices=SupportRecord.Status.choices)
    requested_on = date_field("Date requested")


class SupportMeetingForm(forms.Form):
    held_on = date_field("Meeting date")
    attendees = forms.CharField(label="Who attended", max_length=300, error_messages={"required": "Enter who attended"})
    notes = text_area("Notes", rows=5)
    next_meeting_on = date_field("Next meeting", required=False)


class ExtensionForm(forms.Form):
    new_deadline = date_field("New deadline")
    project_plan = text_area(
        "Project plan", rows=6, help_text="The project plan and improvement strategy that make the later date credible."
    )


class DecisionForm(forms.Form):
    reason = text_area("Reasons", required=False, rows=3, help_text="Needed if you decline.")
