"""Every write in the agreements app: agreements, meetings and the intervention ladder."""

from agreements.services.agreements import (
    PARTS,
    agreement_agree,
    agreement_create,
    agreement_new_version,
    agreement_update,
    part_remove,
    part_save,
)
from agreements.services.interventions import (
    deadline_extend,
    deadline_meet,
    intervention_close,
    intervention_escalate,
    intervention_start,
    notice_respond,
    notice_serve,
)
from agreements.services.meetings import (
    action_raise,
    action_update,
    agenda_build,
    agenda_item_add,
    meeting_schedule,
    minutes_record,
    series_save,
)

__all__ = [
    "PARTS",
    "action_raise",
    "action_update",
    "agenda_build",
    "agenda_item_add",
    "agreement_agree",
    "agreement_create",
    "agreement_new_version",
    "agreement_update",
    "deadline_extend",
    "deadline_meet",
    "intervention_close",
    "intervention_escalate",
    "intervention_start",
    "meeting_schedule",
    "minutes_record",
    "notice_respond",
    "notice_serve",
    "part_remove",
    "part_save",
    "series_save",
]
