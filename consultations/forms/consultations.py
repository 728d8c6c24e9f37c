"""Forms for setting up a consultation, its options, timetable, project group, checklist and decision."""

from django import forms

from consultations.models import (
    ChecklistItem,
    Consultation,
    FoundingTest,
    Method,
    Option,
    ProjectGroupMember,
    TimetableStage,
)
from core.uploads import DocumentField
from organisations.models import Almo

DATE = {"widget": forms.DateInput(attrs={"type": "date"}), "input_formats": ["%Y-%m-%d"]}


class ConsultationForm(forms.ModelForm):
    class Meta:
        model = Consultation
        fields = [
            "almo",
            "subject",
            "purpose",
            "decision_criteria",
            "is_future_review",
            "method",
            "overseeing_organisation",
            "independent_tenant_adviser",
        ]
        widgets = {
            "method": forms.RadioSelect,
            "purpose": forms.Textarea(attrs={"rows": 4}),
            "decision_criteria": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "almo": {"required": "Choose the ALMO the consultation is about", "invalid_choice": "Choose an ALMO"},
            "subject": {"required": "Enter the subject of the consultation"},
            "purpose": {"required": "Enter the aims and objectives"},
            "decision_criteria": {"required": "Say how the options will be shortlisted and decided"},
            "method": {"required": "Choose how tenants will be asked", "invalid_choice": "Choose a method"},
        }

    def __init__(self, *args, almos=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["method"].choices = Method.choices
        if self.instance.pk:
            del self.fields["almo"]
        else:
            self.fields["almo"].queryset = almos if almos is not None else Almo.objects.none()
            self.fields["almo"].label = "Which ALMO is it about?"
            self.fields["almo"].empty_label = None
            self.fields["almo"].widget = forms.RadioSelect(choices=self.fields["almo"].choices)


class OptionForm(forms.ModelForm):
    class Meta:
        model = Option
        fields = ["title", "summary", "pros", "cons", "impact_on_residents"]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3}) for name in ["summary", "pros", "cons", "impact_on_residents"]
        }
        error_messages = {
            "title": {"required": "Enter the option's title"},
            "summary": {"required": "Describe the option"},
            "pros": {"required": "Enter the option's advantages"},
            "cons": {"required": "Enter the option's disadvantages"},
            "impact_on_residents": {"required": "Describe the impact on residents"},
        }

    def __init__(self, *args, consultation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.consultation = consultation

    def validate_unique(self):
        # The service saves the option; its unique title is checked there, with the consultation set.
        pass


class StageForm(forms.ModelForm):
    starts_on = forms.DateField(
        label="Starts on", error_messages={"required": "Enter the date the stage starts"}, **DATE
    )
    ends_on = forms.DateField(label="Ends on (optional)", required=False, **DATE)

    class Meta:
        model = TimetableStage
        fields = ["title", "starts_on", "ends_on", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}
        error_messages = {"title": {"required": "Enter the stage's title"}}


class MemberForm(forms.ModelForm):
    class Meta:
        model = ProjectGroupMember
        fields = ["name", "represents", "is_tenant"]
        error_messages = {
            "name": {"required": "Enter the person's name"},
            "represents": {"required": "Say who the person represents"},
        }


class DecisionForm(forms.Form):
    decision = forms.CharField(
        label="The council's decision",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What was decided, by whom, and when: for example the cabinet's resolution.",
        error_messages={"required": "Enter the decision the council took"},
    )


class FoundingTestForm(forms.ModelForm):
    held_in = forms.IntegerField(label="Year held (optional)", required=False, min_value=1990, max_value=2100)

    class Meta:
        model = FoundingTest
        fields = ["kind", "held_in", "notes"]
        widgets = {"kind": forms.RadioSelect, "notes": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"kind": {"required": "Choose how tenants were asked when the ALMO was set up"}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = FoundingTest.Kind.choices


class ChecklistStatusForm(forms.Form):
    status = forms.ChoiceField(
        label="Status",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the item's status", "invalid_choice": "Choose a status from the list"},
    )
    notes = forms.CharField(label="Notes (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, item: ChecklistItem, **kwargs):
        super().__init__(*args, **kwargs)
        choices = ChecklistItem.Status.choices
        if item.required:
            choices = [choice for choice in choices if choice[0] != ChecklistItem.Status.NOT_APPLICABLE]
        self.fields["status"].choices = choices


class EvidenceForm(forms.Form):
    evidence = DocumentField(label="Upload evidence", error_messages={"required": "Choose a document to upload"})
