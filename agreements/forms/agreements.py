"""Forms for a management agreement's terms and its parts: delegated functions, financial limits and clauses."""

from django import forms

from agreements.forms.common import date_widget, say, textarea
from agreements.models import Clause, DelegatedFunction, FinancialLimit, ManagementAgreement
from core.uploads import PDF, DocumentField
from organisations.models import Almo

DATES = ["starts_on", "initial_end_on", "renewal_notice_on", "break_on", "review_on"]


class AgreementForm(forms.ModelForm):
    almo = forms.ModelChoiceField(label="ALMO", queryset=Almo.objects.none(), empty_label="Choose an ALMO")
    document = DocumentField(
        label="The signed agreement (PDF)", kinds=(PDF,), required=False, help_text="A PDF, up to 20 MB. Optional."
    )

    class Meta:
        model = ManagementAgreement
        fields = [
            "title",
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
        ]
        widgets = {name: date_widget() for name in DATES} | {"indexation_notes": textarea(3)}

    def __init__(self, *args, almos=None, **kwargs):
        super().__init__(*args, **kwargs)
        if almos is None:
            del self.fields["almo"]
        else:
            self.fields["almo"].queryset = almos
            self.fields["almo"].error_messages.update(
                {"required": "Choose the ALMO the agreement is with", "invalid_choice": "Choose one of the ALMOs"}
            )
        self.fields["indexation"].widget = forms.RadioSelect(choices=ManagementAgreement.Indexation.choices)
        say(
            self,
            {
                "title": "Enter a title for the agreement",
                "starts_on": "Enter the date the term starts",
                "initial_end_on": "Enter the date the initial term ends",
                "management_fee": "Enter the annual management fee",
                "indexation": "Choose how the fee is indexed",
            },
        )
        for name in DATES:
            self.fields[name].error_messages["invalid"] = "Enter a real date, like 31 March 2029"
        self.fields["management_fee"].error_messages["invalid"] = "Enter the fee in pounds, like 12500000"


class DelegatedFunctionForm(forms.ModelForm):
    class Meta:
        model = DelegatedFunction
        fields = ["function", "arrangement", "limit", "limit_unit", "decision_maker", "notes"]
        widgets = {"notes": textarea(3)}
        help_texts = {
            "function": "For example: disposal of land and buildings.",
            "limit": "Optional. For example 250000 with '£ for each decision' for disposals up to £250,000.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["arrangement"].widget = forms.RadioSelect(choices=DelegatedFunction.Arrangement.choices)
        self.fields["limit_unit"].choices = [("", "No limit"), *DelegatedFunction.LimitUnit.choices]
        say(
            self,
            {
                "function": "Enter the function",
                "arrangement": "Choose whether the function is delegated, retained or shared",
                "decision_maker": "Choose who takes the decision",
            },
        )
        self.fields["limit"].error_messages["invalid"] = "Enter the limit as a number, like 250000"


class FinancialLimitForm(forms.ModelForm):
    class Meta:
        model = FinancialLimit
        fields = ["subject", "amount", "basis"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["basis"].widget = forms.RadioSelect(choices=FinancialLimit.Basis.choices)
        say(
            self,
            {
                "subject": "Enter what the limit is for",
                "amount": "Enter the amount above which the council must consent",
                "basis": "Choose whether the limit is for a single item or a year",
            },
        )
        self.fields["amount"].error_messages["invalid"] = "Enter the amount in pounds, like 500000"


class ClauseForm(forms.ModelForm):
    class Meta:
        model = Clause
        fields = ["number", "heading", "text"]
        widgets = {"text": textarea(8), "number": forms.TextInput(attrs={"class": "govuk-input--width-5"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        say(
            self,
            {
                "number": "Enter the clause number",
                "heading": "Enter the clause heading",
                "text": "Enter the text of the clause",
            },
        )
