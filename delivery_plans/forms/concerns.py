"""Forms for raising a performance concern and proposing its recovery action."""

from django import forms

from organisations.access import Party


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
