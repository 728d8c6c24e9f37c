"""Forms for self-assessments: starting one, and scoring a question with its evidence."""

from django import forms

from inspections.forms.fields import date_field, text_area
from inspections.models import Evidence, Framework, Score


class AssessmentStartForm(forms.Form):
    framework = forms.ModelChoiceField(
        label="Which framework do you want to assess yourselves against?",
        queryset=Framework.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": "Choose a framework", "invalid_choice": "Choose one of the frameworks listed"},
    )

    def __init__(self, *args, frameworks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["framework"].queryset = frameworks


class AnswerForm(forms.Form):
    score = forms.TypedChoiceField(
        label="Score",
        choices=[("", "Not scored yet"), *Score.choices],
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose a score from 1 (poor) to 4 (excellent)"},
    )
    narrative = text_area(
        "Narrative", required=False, rows=6, help_text="How you meet the question, and what is still missing."
    )
    owner = forms.CharField(
        label="Owner", max_length=150, required=False, help_text="The person who keeps this answer up to date."
    )
    last_reviewed = date_field("Date last reviewed", required=False)
    evidence = forms.ModelMultipleChoiceField(
        label="Evidence",
        queryset=Evidence.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick the documents from your evidence library that support this answer.",
        error_messages={"invalid_choice": "Choose evidence from your own library"},
    )

    def __init__(self, *args, evidence, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evidence"].queryset = evidence
