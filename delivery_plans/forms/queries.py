"""Forms for the council's queries on a return's figures, and the ALMO's answers."""

from django import forms


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
