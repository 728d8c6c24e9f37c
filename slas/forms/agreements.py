"""Forms for the SLA register: drafting an SLA, its details and terms, renegotiating and ending it."""

from django import forms

from slas.forms.fields import date_field, number_field, text_field
from slas.models import ChargingBasis, Service


class DetailsForm(forms.Form):
    service = forms.ChoiceField(
        label="Central service",
        choices=[("", "Choose a service"), *Service.choices],
        error_messages={"required": "Choose the central service", "invalid_choice": "Choose one of the services"},
    )
    title = text_field("Title", max_length=200, help_text="For example, Legal services 2026 to 2029.")
    provider_team = text_field(
        "Council team providing the service", max_length=150, help_text="For example, Legal Services."
    )
    value_margin_percent = number_field(
        "Margin above the benchmark before the charge is flagged",
        places=1,
        digits=4,
        width=4,
        help_text="In per cent, from 0 to 100. For example, 10.",
    )

    def clean_value_margin_percent(self):
        value = self.cleaned_data["value_margin_percent"]
        if not 0 <= value <= 100:
            raise forms.ValidationError("Enter a margin from 0 to 100 per cent")
        return value


class TermsForm(forms.Form):
    starts_on = date_field("Term starts")
    ends_on = date_field("Term ends")
    annual_charge = number_field("Annual charge", help_text="In pounds, for a year of the service.")
    charging_basis = forms.ChoiceField(
        label="How is it charged?",
        choices=ChargingBasis.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how the service is charged"},
    )
    unit = text_field(
        "Unit charged for", required=False, max_length=60, help_text="Per unit only: for example, payslip or case."
    )
    unit_rate = number_field(
        "Rate per unit or hour", required=False, digits=10, help_text="In pounds. Leave empty for a fixed charge."
    )
    notice_months = forms.IntegerField(
        label="Notice period in months",
        min_value=1,
        max_value=24,
        help_text="From 1 to 24.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-2"}),
        error_messages={
            "required": "Enter the notice period in months",
            "invalid": "Enter the notice period as a whole number of months from 1 to 24",
            "min_value": "Enter a notice period from 1 to 24 months",
            "max_value": "Enter a notice period from 1 to 24 months",
        },
    )
    review_date = date_field("Review date", help_text="When the parties review the SLA. For example, 2027-03-31.")

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on <= starts_on:
            self.add_error("ends_on", "The term must end after it starts")
        return cleaned


class SlaCreateForm(DetailsForm, TermsForm):
    almo = forms.ModelChoiceField(
        label="ALMO buying the service",
        queryset=None,
        empty_label="Choose an ALMO",
        error_messages={"required": "Choose the ALMO buying the service", "invalid_choice": "Choose one of the ALMOs"},
    )
    field_order = ["almo", "service", "title", "provider_team"]

    def __init__(self, *args, almos, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["almo"].queryset = almos
        self.fields["value_margin_percent"].initial = 10


class ReasonForm(forms.Form):
    reason = text_field("Why the terms are being renegotiated", rows=4)


class EndForm(forms.Form):
    ended_on = date_field("Date the SLA ends")
    reason = text_field("Why it is ending", rows=3, help_text="For example, notice given: service brought in-house.")
