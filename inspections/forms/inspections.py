"""Forms for inspections, their recommendations, and calendar entries."""

from django import forms

from core.uploads import DocumentField
from inspections.forms.fields import date_field, text_area
from inspections.models import CalendarEntry, ConsumerGrade, Kind, Prospects, Recommendation, Stars


class InspectionForm(forms.Form):
    almo = forms.ModelChoiceField(
        label="ALMO", queryset=None, empty_label="Choose an ALMO", error_messages={"required": "Choose an ALMO"}
    )
    kind = forms.ChoiceField(
        label="Kind", choices=Kind.choices, widget=forms.RadioSelect, error_messages={"required": "Choose the kind"}
    )
    title = forms.CharField(label="Title", max_length=200, error_messages={"required": "Enter a title"})
    starts_on = date_field("Start date")
    ends_on = date_field("End date")
    lead = forms.CharField(
        label="Lead",
        max_length=200,
        help_text="The lead inspector, auditor or reviewer, and their organisation.",
        error_messages={"required": "Enter who leads it"},
    )
    star_rating = forms.TypedChoiceField(
        label="Star rating",
        choices=[("", "None yet, or does not apply"), *Stars.choices],
        coerce=int,
        empty_value=None,
        required=False,
        help_text="For inspectorate inspections, mock inspections and peer reviews.",
    )
    prospects = forms.ChoiceField(
        label="Prospects for improvement",
        choices=[("", "None yet, or does not apply"), *Prospects.choices],
        required=False,
    )
    consumer_grade = forms.ChoiceField(
        label="Consumer grade",
        choices=[("", "None yet, or does not apply"), *ConsumerGrade.choices],
        required=False,
        help_text="For Regulator of Social Housing inspections only.",
    )
    summary = text_area("Outcome in brief", required=False)
    report = DocumentField(label="Report", required=False, error_messages={"empty": "The selected file is empty"})

    def __init__(self, *args, almos, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["almo"].queryset = almos
        if len(almos) == 1:
            self.fields["almo"].initial = almos[0].pk

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", "The end date must be the same as or after the start date")
        return cleaned


class RecommendationForm(forms.Form):
    text = text_area("Recommendation", rows=3)
    priority = forms.ChoiceField(
        label="Priority", choices=Recommendation.Priority.choices, initial=Recommendation.Priority.MEDIUM
    )


class CalendarEntryForm(forms.Form):
    almo = forms.ModelChoiceField(
        label="Which ALMO is it for?", queryset=None, required=False, empty_label="All of the council's ALMOs"
    )
    kind = forms.ChoiceField(label="Kind", choices=CalendarEntry.Kind.choices)
    title = forms.CharField(label="Title", max_length=200, error_messages={"required": "Enter a title"})
    starts_on = date_field("Date")
    ends_on = date_field("Last day", required=False, help_text="Leave empty for a single day.")
    notes = text_area("Notes", required=False, rows=3)

    def __init__(self, *args, almos, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["almo"].queryset = almos

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", "The last day must be the same as or after the first")
        return cleaned
