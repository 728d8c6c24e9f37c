"""Forms for proposing an amendment to a plan in force, and for agreeing or declining one."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import ConditionalQuestion, ConditionalRadios, Layout
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q

from core.forms import attach_errors
from delivery_plans.models import Amendment, Indicator, Objective, PlanIndicator, Return, Target


class DecisionForm(forms.Form):
    reason = forms.CharField(
        label="Your reasons",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed when you decline.",
    )


# A tolerance change has fields of its own on the page, so each kind of change reveals only its own
# questions; the service knows them by the names of a target change.
TOLERANCE_FIELDS = {
    "tolerance_target": "target",
    "new_tolerance": "new_value",
    "tolerance_reopens_return": "reopens_return",
}
REOPEN_LABEL = "Re-open the return for that quarter if the ALMO has sent it"
REOPEN_HINT = "The return goes back to the ALMO, to check its figures and commentary against the change."


class AmendmentForm(forms.Form):
    kind = forms.ChoiceField(
        label="What should change?",
        choices=Amendment.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what should change"},
    )
    target = forms.ModelChoiceField(label="Which target?", queryset=Target.objects.none(), required=False)
    new_value = forms.DecimalField(
        label="New target", required=False, help_text="In the indicator's own unit, such as a percentage or days."
    )
    reopens_return = forms.BooleanField(label=REOPEN_LABEL, required=False, help_text=REOPEN_HINT)
    tolerance_target = forms.ModelChoiceField(
        label="Which target's tolerance?", queryset=Target.objects.none(), required=False
    )
    new_tolerance = forms.DecimalField(
        label="New tolerance",
        required=False,
        help_text="How far from the target still counts as amber, in the indicator's own unit.",
    )
    tolerance_reopens_return = forms.BooleanField(label=REOPEN_LABEL, required=False, help_text=REOPEN_HINT)
    objective = forms.ModelChoiceField(label="Which objective?", queryset=Objective.objects.none(), required=False)
    new_title = forms.CharField(label="New objective title", required=False, max_length=200)
    new_description = forms.CharField(
        label="New objective description (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    indicator = forms.ModelChoiceField(label="Indicator to add", queryset=Indicator.objects.none(), required=False)
    plan_indicator = forms.ModelChoiceField(
        label="Indicator to remove", queryset=PlanIndicator.objects.none(), required=False
    )
    reason = forms.CharField(
        label="Why should the plan change?",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Explain why the plan should change"},
    )

    def change(self) -> dict:
        """The cleaned answers for the chosen kind of change only, named as the service names them."""
        data = dict(self.cleaned_data)
        kind = data["kind"]
        if kind == Amendment.Kind.TOLERANCE:
            for page_name, service_name in TOLERANCE_FIELDS.items():
                data[service_name] = data.get(page_name)
        wanted = {
            Amendment.Kind.TARGET: ("target", "new_value", "reopens_return"),
            Amendment.Kind.TOLERANCE: ("target", "new_value", "reopens_return"),
            Amendment.Kind.OBJECTIVE: ("objective", "new_title", "new_description"),
            Amendment.Kind.ADD_INDICATOR: ("indicator",),
            Amendment.Kind.REMOVE_INDICATOR: ("plan_indicator",),
        }[kind]
        return {name: data[name] for name in wanted if data.get(name) not in (None, "")}

    def attach_service_errors(self, error) -> None:
        """The service's errors on the fields the person sees for the kind they chose."""
        if hasattr(error, "error_dict") and self.cleaned_data.get("kind") == Amendment.Kind.TOLERANCE:
            to_page = {service: page for page, service in TOLERANCE_FIELDS.items()}
            error = ValidationError(
                {to_page.get(field, field): messages for field, messages in error.message_dict.items()}
            )
        attach_errors(self, error)

    def __init__(self, *args, plan, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Targets of quarters the council has already accepted are settled, so they are not offered.
        accepted = Return.objects.filter(plan=plan, status=Return.Status.ACCEPTED)
        self.fields["target"].queryset = self.fields["tolerance_target"].queryset = (
            Target.objects.restrict(user)
            .filter(plan_indicator__plan=plan, plan_indicator__is_active=True)
            .exclude(Exists(accepted.filter(year=OuterRef("year"), quarter=OuterRef("quarter"))))
            .exclude(quarter=Target.WHOLE_YEAR, year__in=accepted.values("year"))
            .select_related("plan_indicator__indicator")
        )
        self.fields["objective"].queryset = Objective.objects.restrict(user).filter(plan=plan)
        # The library, or this plan's council's own indicators: never another council's.
        self.fields["indicator"].queryset = (
            Indicator.objects.restrict(user)
            .filter(Q(council__isnull=True) | Q(council_id=plan.almo.council_id), is_active=True)
            .exclude(plan_uses__plan=plan, plan_uses__is_active=True)
        )
        self.fields["plan_indicator"].queryset = (
            PlanIndicator.objects.restrict(user).filter(plan=plan, is_active=True).select_related("indicator")
        )
        self.helper = FormHelper()
        self.helper.form_tag = False
        kinds = dict(Amendment.Kind.choices)
        self.helper.layout = Layout(
            ConditionalRadios(
                "kind",
                ConditionalQuestion(kinds[Amendment.Kind.TARGET], "target", "new_value", "reopens_return"),
                ConditionalQuestion(
                    kinds[Amendment.Kind.TOLERANCE], "tolerance_target", "new_tolerance", "tolerance_reopens_return"
                ),
                ConditionalQuestion(kinds[Amendment.Kind.OBJECTIVE], "objective", "new_title", "new_description"),
                ConditionalQuestion(kinds[Amendment.Kind.ADD_INDICATOR], "indicator"),
                ConditionalQuestion(kinds[Amendment.Kind.REMOVE_INDICATOR], "plan_indicator"),
            ),
            "reason",
        )
