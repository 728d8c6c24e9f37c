"""Forms for a council's own frameworks."""

from django import forms

from inspections.forms.fields import text_area


class FrameworkForm(forms.Form):
    name = forms.CharField(label="Name", max_length=200, error_messages={"required": "Enter a name"})
    code = forms.SlugField(
        label="Short code",
        max_length=40,
        help_text="Letters, numbers and hyphens, for example rsh-2024.",
        error_messages={"required": "Enter a short code", "invalid": "Use only letters, numbers and hyphens"},
    )
    source = forms.CharField(label="Source", max_length=200, required=False)
    description = text_area("Description", required=False, rows=3)


class AreaForm(forms.Form):
    code = forms.CharField(label="Area code", max_length=20, error_messages={"required": "Enter a code"})
    title = forms.CharField(label="Area title", max_length=200, error_messages={"required": "Enter a title"})


class QuestionForm(forms.Form):
    area = forms.ModelChoiceField(label="Area", queryset=None, error_messages={"required": "Choose an area"})
    code = forms.CharField(label="Question code", max_length=20, error_messages={"required": "Enter a code"})
    text = text_area("Question", rows=3)
    guidance = text_area("What inspectors look for", required=False, rows=3)
    descriptor_fair = text_area("What fair looks like", required=False, rows=2)
    descriptor_good = text_area("What good looks like", required=False, rows=2)
    descriptor_excellent = text_area("What excellent looks like", required=False, rows=2)

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas
