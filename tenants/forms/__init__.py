"""Forms for tenant voice. They check what a person typed; rules across fields and records are the services'."""

from django import forms

DATE_FORMATS = ["%d/%m/%Y", "%d %m %Y", "%Y-%m-%d", "%d %B %Y", "%d %b %Y"]
NUMBER_ATTRS = {"inputmode": "numeric", "spellcheck": "false"}


def date_field(label: str, *, required: bool = True, help_text: str = "For example, 27/3/2026") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        help_text=help_text,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": "false"}),
        error_messages={
            "required": f"Enter the date: {label.lower()}",
            "invalid": f"{label} must be a real date, like 27/3/2026",
        },
    )


def count_field(label: str, *, required: bool = True, help_text: str = "", width: int = 5) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=0,
        max_value=10_000_000,
        help_text=help_text,
        widget=forms.TextInput(attrs={**NUMBER_ATTRS, "class": f"govuk-input--width-{width}"}),
        error_messages={
            "required": f"Enter {label.lower()}",
            "invalid": f"{label} must be a whole number, like 120",
            "min_value": f"{label} must be 0 or more",
            "max_value": f"{label} must be 10,000,000 or fewer",
        },
    )


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Upload the responses",
        error_messages={"required": "Select a CSV or Excel file of responses", "empty": "The selected file is empty"},
    )
