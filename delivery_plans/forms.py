from django import forms
from django.db.models import Exists, OuterRef, Q

from delivery_plans.models import Amendment, Indicator, Objective, PlanIndicator, Return, Target
from organisations.access import Party


class ReturnStartForm(forms.Form):
    year = forms.TypedChoiceField(label="Financial year", coerce=int)
    quarter = forms.TypedChoiceField(
        label="Quarter",
        coerce=int,
        choices=[
            (1, "Q1 (April to June)"),
            (2, "Q2 (July to September)"),
            (3, "Q3 (October to December)"),
            (4, "Q4 (January to March)"),
        ],
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        from core.periods import financial_year_label

        self.fields["year"].choices = [(year, financial_year_label(year)) for year in plan.years]


class QueryForm(forms.Form):
    text = forms.CharField(
        label="Your question for the ALMO",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter your question for the ALMO"},
    )


class AnswerForm(forms.Form):
    text = forms.CharField(
        label="Your answer", widget=forms.Textarea(attrs={"rows": 3}), error_messages={"required": "Enter your answer"}
    )


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


class ConcernForm(forms.Form):
    about_party = forms.ChoiceField(
        label="Whose performance is the concern about?",
        choices=Party.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whose performance the concern is about"},
    )
    title = forms.CharField(label="Title", max_length=200, error_messages={"required": "Enter a short title"})
    description = forms.CharField(
        label="What is going wrong, and what is the effect?",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Describe what is going wrong"},
    )


class RecoveryForm(forms.Form):
    recovery_action = forms.CharField(
        label="Recovery action",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What will be done, by whom, and by when.",
        error_messages={"required": "Describe the recovery action"},
    )
