"""The form for uploading a file of actuals to import."""

from django import forms


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Upload a file",
        error_messages={"required": "Select a CSV or Excel file to import.", "empty": "The selected file is empty."},
    )

    @classmethod
    def for_errors(cls):
        """A form to show problems found after the upload was read, such as when saving."""
        form = cls(data={}, files={})
        form.full_clean()
        form.errors.clear()
        return form
