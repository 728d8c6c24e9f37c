"""Forms for the evidence library: a new document, a new version, and its details."""

from django import forms

from core.uploads import DocumentField
from inspections.forms.fields import date_field, text_area

FILE_ERRORS = {"required": "Select a file to upload", "empty": "The selected file is empty"}


class EvidenceDetailsForm(forms.Form):
    title = forms.CharField(label="Title", max_length=200, error_messages={"required": "Enter a title"})
    description = text_area("Description", required=False, rows=3)
    review_due = date_field(
        "Review by", required=False, help_text="When to check it is still current. For example, 2027-09-30"
    )


class EvidenceAddForm(EvidenceDetailsForm):
    file = DocumentField(label="Upload a file", error_messages=FILE_ERRORS)


class EvidenceVersionForm(forms.Form):
    file = DocumentField(label="Upload the new version", error_messages=FILE_ERRORS)
    note = forms.CharField(label="What changed", max_length=300, required=False)
