"""Forms for agreements, meetings and the intervention ladder."""

from agreements.forms.agreements import AgreementForm, ClauseForm, DelegatedFunctionForm, FinancialLimitForm
from agreements.forms.interventions import (
    CloseForm,
    DeadlineExtendForm,
    DeadlineMetForm,
    EscalateForm,
    InterventionStartForm,
    NoticeForm,
    NoticeResponseForm,
)
from agreements.forms.meetings import (
    ActionForm,
    ActionUpdateForm,
    AgendaItemForm,
    MeetingForm,
    MinutesForm,
    SeriesForm,
)

__all__ = [
    "ActionForm",
    "ActionUpdateForm",
    "AgendaItemForm",
    "AgreementForm",
    "ClauseForm",
    "CloseForm",
    "DeadlineExtendForm",
    "DeadlineMetForm",
    "DelegatedFunctionForm",
    "EscalateForm",
    "FinancialLimitForm",
    "InterventionStartForm",
    "MeetingForm",
    "MinutesForm",
    "NoticeForm",
    "NoticeResponseForm",
    "SeriesForm",
]
