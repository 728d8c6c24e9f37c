"""Forms for drafting a delivery plan: the plan, its objectives, indicators and delegations.

They check what a person typed; the rules that span fields or records are the drafting services'.
"""

import re
from decimal import Decimal, InvalidOperation

from django import forms

from delivery_plans.models import Delegation, Indicator, Objective
from organisations.models import Almo

YEAR_WIDGET = forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-4", "spellcheck": "false"})


def _year_field(label: str, hint: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        help_text=hint,
        widget=YEAR_WIDGET,
        error_messages={
            "required": f"Enter the {label.lower()}",
            "invalid": f"Enter the {label.lower()} as 4 digits, like 2025",
        },
    )


class PlanForm(forms.Form):
    almo = forms.ModelChoiceField(
        label="ALMO",
        queryset=Almo.objects.none(),
        empty_label="Choose an ALMO",
        error_messages={"required": "Choose the ALMO the plan is with", "invalid_choice": "Choose one of the ALMOs"},
    )
    title = forms.CharField(
        label="Title",
        max_length=200,
        help_text="For example, Delivery plan 2026 to 2029",
        error_messages={"required": "Enter a title for the plan"},
    )
    first_year = _year_field("First financial year", "The year it starts in: 2026 for 2026/27.")
    last_year = _year_field("Last financial year", "A plan covers up to 5 years. 2028 for 2028/29.")
    red_periods_for_concern = forms.IntegerField(
        label="Red quarters in a row before a performance concern opens",
        min_value=1,
        max_value=8,
        initial=2,
        help_text="From 1 to 8.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-2"}),
        error_messages={
            "required": "Enter how many red quarters in a row open a concern",
            "invalid": "Enter a whole number from 1 to 8",
            "min_value": "Enter a whole number from 1 to 8",
            "max_value": "Enter a whole number from 1 to 8",
        },
    )

    def __init__(self, *args, almos, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["almo"].queryset = almos
        if len(almos) == 1:
            self.fields["almo"].initial = almos[0].pk


class ObjectiveForm(forms.Form):
    title = forms.CharField(label="Title", max_length=200, error_messages={"required": "Enter the objective's title"})
    kind = forms.ChoiceField(
        label="Is it a national or a local objective?",
        choices=Objective.Kind.choices,
        widget=forms.RadioSelect,
        initial=Objective.Kind.LOCAL,
        error_messages={"required": "Choose national or local"},
    )
    description = forms.CharField(
        label="Description", required=False, widget=forms.Textarea(attrs={"rows": 4}), help_text="Optional."
    )
    strategy_reference = forms.CharField(
        label="Housing strategy reference",
        max_length=200,
        required=False,
        help_text="The aim of the council's housing strategy it serves, for example Housing Strategy 2024: Aim 2.",
    )
    position = forms.IntegerField(
        label="Position",
        min_value=0,
        max_value=999,
        required=False,
        help_text="Objectives are listed in this order, lowest first. Leave empty to put a new one last.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        error_messages={
            "invalid": "Enter the position as a whole number",
            "min_value": "Enter a position of 0 or more",
            "max_value": "Enter a position of 999 or less",
        },
    )

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            self.fields["position"].required = True
            self.fields["position"].help_text = "Objectives are listed in this order, lowest first."
            self.fields["position"].error_messages["required"] = "Enter the position"


SOURCE_GROUPS = {
    Indicator.Source.TSM: "Tenant Satisfaction Measures",
    Indicator.Source.BVPI: "Former Best Value indicators",
    Indicator.Source.LOCAL: "The council's local indicators",
}


class PlanIndicatorForm(forms.Form):
    indicator = forms.ModelChoiceField(
        label="Indicator",
        queryset=Indicator.objects.none(),
        error_messages={"required": "Choose an indicator", "invalid_choice": "Choose one of the indicators listed"},
    )
    objective = forms.ModelChoiceField(
        label="Under which objective?",
        queryset=Objective.objects.none(),
        empty_label="Choose an objective",
        error_messages={
            "required": "Choose the objective the indicator serves",
            "invalid_choice": "Choose one of this plan's objectives",
        },
    )

    def __init__(self, *args, plan, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["objective"].queryset = plan.objectives.all()
        # Every indicator the person may use is accepted, so adding one twice gets the plan's own message;
        # the list offers only those the plan does not monitor yet.
        self.fields["indicator"].queryset = indicators
        in_plan = set(plan.plan_indicators.values_list("indicator_id", flat=True))
        groups: dict[str, list] = {label: [] for label in SOURCE_GROUPS.values()}
        for indicator in indicators:
            if indicator.pk not in in_plan:
                groups[SOURCE_GROUPS[indicator.source]].append((indicator.pk, str(indicator)))
        self.fields["indicator"].choices = [
            ("", "Choose an indicator"),
            *((label, options) for label, options in groups.items() if options),
        ]


POUNDS = re.compile(r"^-?(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?$")


class PoundsField(forms.CharField):
    """A sum in pounds, typed as people write it: 250000, 250,000 or £250,000.00."""

    def to_python(self, value):
        text = super().to_python(value).replace("£", "").replace(" ", "")
        if not text:
            return None
        if not POUNDS.match(text):
            raise forms.ValidationError("Enter the financial limit in pounds, like 250,000", code="invalid")
        try:
            amount = Decimal(text.replace(",", ""))
        except InvalidOperation as error:
            raise forms.ValidationError("Enter the financial limit in pounds, like 250,000", code="invalid") from error
        if abs(amount) >= Decimal(10) ** 12:
            raise forms.ValidationError("Enter a financial limit under £1,000,000,000,000", code="invalid")
        return amount


class DelegationForm(forms.Form):
    decision_area = forms.CharField(
        label="Decision",
        max_length=200,
        help_text="For example, Disposal of homes, or Capital works outside the Decent Homes programme.",
        error_messages={"required": "Enter the decision that is delegated"},
    )
    decided_by = forms.ChoiceField(
        label="Who decides?",
        choices=Delegation.DecidedBy.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who decides"},
    )
    financial_limit = PoundsField(
        label="Financial limit, in pounds",
        required=False,
        help_text="The most they may decide on alone. Leave empty for no limit.",
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-10"}),
    )
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 3}))
