"""The form for a council's local indicator in the indicator library."""

from django import forms

from delivery_plans.models import Indicator, Polarity, Unit
from organisations.models import Council


class IndicatorForm(forms.Form):
    """A council's local indicator. Every field matches one on the model."""

    council = forms.ModelChoiceField(
        label="Council", queryset=Council.objects.none(), error_messages={"required": "Choose the council"}
    )
    code = forms.CharField(
        label="Code",
        max_length=20,
        help_text="Unique within the council, for example HMB-L02.",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": "false"}),
        error_messages={"required": "Enter a code"},
    )
    name = forms.CharField(label="Name", max_length=200, error_messages={"required": "Enter the indicator's name"})
    definition = forms.CharField(
        label="Definition",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What is counted, who is in the base, and what is left out.",
        error_messages={"required": "Enter a definition"},
    )
    group = forms.CharField(
        label="Theme",
        max_length=80,
        required=False,
        help_text="Optional. A short heading to group it under, for example Empty homes and lettings.",
    )
    unit = forms.ChoiceField(
        label="Unit", choices=[("", "Choose a unit"), *Unit.choices], error_messages={"required": "Choose a unit"}
    )
    polarity = forms.ChoiceField(
        label="Which way is better?",
        choices=Polarity.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose which way is better"},
    )
    numerator_definition = forms.CharField(
        label="Numerator",
        max_length=300,
        required=False,
        help_text="If the value is worked out from two figures: what the first one counts. Otherwise leave empty.",
    )
    denominator_definition = forms.CharField(
        label="Denominator", max_length=300, required=False, help_text="What the second figure counts."
    )
    multiplier = forms.IntegerField(
        label="Multiplier",
        min_value=1,
        max_value=1_000_000,
        initial=1,
        help_text=(
            "Value = numerator ÷ denominator × multiplier: 100 for a percentage, 1,000 for a rate per 1,000 homes."
        ),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-5"}),
        error_messages={
            "required": "Enter the multiplier",
            "invalid": "Enter the multiplier as a whole number",
            "min_value": "Enter a multiplier of 1 or more",
            "max_value": "Enter a multiplier of 1,000,000 or less",
        },
    )
    decimal_places = forms.IntegerField(
        label="Decimal places",
        min_value=0,
        max_value=4,
        initial=1,
        help_text="How many decimal places figures are shown and worked out to, from 0 to 4.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-2"}),
        error_messages={
            "required": "Enter the number of decimal places",
            "invalid": "Enter a whole number from 0 to 4",
            "min_value": "Enter a whole number from 0 to 4",
            "max_value": "Enter a whole number from 0 to 4",
        },
    )
    reporting_level = forms.ChoiceField(
        label="Reporting level", choices=Indicator.ReportingLevel.choices, required=False
    )
    frequency = forms.ChoiceField(
        label="How often is it reported?",
        choices=Indicator.Frequency.choices,
        widget=forms.RadioSelect,
        initial=Indicator.Frequency.QUARTERLY,
        error_messages={"required": "Choose how often it is reported"},
    )
    may_be_negative = forms.BooleanField(
        label="The value can be below zero, as for a change between two figures", required=False
    )
    is_active = forms.BooleanField(label="In use: plans can add it", required=False, initial=True)

    def __init__(self, *args, councils=None, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing or councils is None:
            del self.fields["council"]
        else:
            self.fields["council"].queryset = councils
            if len(councils) == 1:
                # An officer of one council adds to that council: no question to ask.
                self.fields["council"].initial = councils[0].pk
                self.fields["council"].widget = forms.HiddenInput()
        if not editing:
            del self.fields["is_active"]
