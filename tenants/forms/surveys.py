"""Forms for a survey's details and for a survey house's counts per question."""

from django import forms

from core.periods import FIRST_YEAR, LAST_YEAR
from tenants.forms import NUMBER_ATTRS, count_field, date_field
from tenants.measures import measures_for
from tenants.models import AggregateCount, Survey, Tenure

APPROACH_FIELDS = [
    "sample_method",
    "representativeness",
    "weighting",
    "contractor_role",
    "exclusions",
    "shortfall_reason",
    "incentives",
    "other_issues",
]


def _approach_field(name: str) -> forms.CharField:
    return forms.CharField(
        label=Survey._meta.get_field(name).verbose_name.capitalize(),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class SurveyDetailsForm(forms.Form):
    method = forms.ChoiceField(
        label="How were responses collected?",
        choices=Survey.Method.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how responses were collected"},
    )
    fieldwork_start = date_field("Fieldwork started")
    fieldwork_end = date_field("Fieldwork ended")
    population = count_field(
        "Households in the tenure", help_text="The tenant households of this tenure the survey represents.", width=10
    )
    sample_issued = count_field(
        "Households invited", required=False, help_text="Leave empty for a census of every household.", width=10
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in APPROACH_FIELDS:
            self.fields[name] = _approach_field(name)

    def clean_population(self):
        population = self.cleaned_data["population"]
        if population < 1:
            raise forms.ValidationError("Households in the tenure must be 1 or more")
        return population

    def clean(self):
        data = super().clean()
        population, sample = data.get("population"), data.get("sample_issued")
        if population and sample is not None and sample > population:
            self.add_error("sample_issued", "The households invited cannot be more than the households in the tenure")
        start, end = data.get("fieldwork_start"), data.get("fieldwork_end")
        if start and end and end < start:
            self.add_error("fieldwork_end", "Fieldwork must end on or after the day it started")
        return data


class SurveyCreateForm(SurveyDetailsForm):
    year = forms.IntegerField(
        label="Financial year",
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        help_text="The year it starts in: 2026 for 2026/27.",
        widget=forms.TextInput(attrs={**NUMBER_ATTRS, "class": "govuk-input--width-4"}),
        error_messages={
            "required": "Enter the financial year",
            "invalid": "Enter the financial year as 4 digits, like 2026",
            "min_value": f"Enter a financial year from {FIRST_YEAR} to {LAST_YEAR}",
            "max_value": f"Enter a financial year from {FIRST_YEAR} to {LAST_YEAR}",
        },
    )
    tenure = forms.ChoiceField(
        label="Which homes does the survey cover?",
        choices=Tenure.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose which homes the survey covers"},
    )
    field_order = ["year", "tenure"]


SCALE_LABELS = {
    "very_satisfied": "Very satisfied",
    "fairly_satisfied": "Fairly satisfied",
    "neither": "Neither",
    "fairly_dissatisfied": "Fairly dissatisfied",
    "very_dissatisfied": "Very dissatisfied",
    "not_on_scale": "Don't know, not applicable or blank",
}


class CountsForm(forms.Form):
    """A survey house's totals: for each question, how many chose each point of the scale and how many did not."""

    achieved = count_field("Responses achieved", help_text="Everyone who took part in the survey.", width=5)

    def __init__(self, *args, survey: Survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey
        self.measures = measures_for(survey.tenure)
        for measure in self.measures:
            for name in [*AggregateCount.SCALE_FIELDS, "not_on_scale"]:
                label = f"{measure.code} {SCALE_LABELS[name].lower()}"
                self.fields[f"{measure.field}_{name}"] = count_field(label.capitalize(), width=4)

    def question_rows(self):
        """For the template: each question with its six bound fields."""
        return [
            {
                "measure": measure,
                "fields": [self[f"{measure.field}_{name}"] for name in [*AggregateCount.SCALE_FIELDS, "not_on_scale"]],
            }
            for measure in self.measures
        ]

    def counts(self) -> dict[str, dict[str, int]]:
        names = [*AggregateCount.SCALE_FIELDS, "not_on_scale"]
        return {m.code: {name: self.cleaned_data[f"{m.field}_{name}"] for name in names} for m in self.measures}
