"""Forms for proposing an amendment to a plan in force, and for agreeing or declining one."""

from django import forms
from django.db.models import Exists, OuterRef, Q

from delivery_plans.models import Amendment, Indicator, Objective, PlanIndicator, Return, Target


class DecisionForm(forms.Form):
    reason = forms.CharField(
        label="Your reasons",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed when you decline.",
    )


class AmendmentForm(forms.Form):
    kind = forms.ChoiceField(label="What should change?", choices=Amendment.Kind.choices, widget=forms.RadioSelect)
    target = forms.ModelChoiceField(label="Target", queryset=Target.objects.none(), required=False)
    new_value = forms.DecimalField(
        label="New value", required=False, help_text="For a target or tolerance, in the indicator's own unit."
    )
    reopens_return = forms.BooleanField(
        label="Re-open the return for that quarter if the ALMO has sent it",
        required=False,
        help_text="The return goes back to the ALMO, to check its figures and commentary against the new target.",
    )
    objective = forms.ModelChoiceField(label="Objective", queryset=Objective.objects.none(), required=False)
    new_title = forms.CharField(label="New objective title", required=False, max_length=200)
    new_description = forms.CharField(
        label="New objective description", required=False, widget=forms.Textarea(attrs={"rows": 3})
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

    def __init__(self, *args, plan, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Targets of quarters the council has already accepted are settled, so they are not offered.
        accepted = Return.objects.filter(plan=plan, status=Return.Status.ACCEPTED)
        self.fields["target"].queryset = (
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
