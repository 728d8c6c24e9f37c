"""Every write in consultations: each service checks who acts through the access rule, locks, and saves as them."""

from consultations.services.ballots import (
    ballot_close,
    ballot_create,
    ballot_open,
    ballot_publish,
    ballot_update,
    ballot_verify,
    overseer_choices,
)
from consultations.services.checklist import checklist_evidence_add, checklist_item_update
from consultations.services.consultations import (
    consultation_advance,
    consultation_create,
    consultation_decide,
    consultation_update,
    founding_test_record,
    member_add,
    option_add,
    option_remove,
    part_remove,
    stage_add,
)
from consultations.services.letters import code_reissue, letters_request, letters_take
from consultations.services.register import tenancies_import
from consultations.services.voting import CODE_REFUSED, CodeRefused, vote_cast

__all__ = [
    "CODE_REFUSED",
    "CodeRefused",
    "ballot_close",
    "ballot_create",
    "ballot_open",
    "ballot_publish",
    "ballot_update",
    "ballot_verify",
    "checklist_evidence_add",
    "checklist_item_update",
    "code_reissue",
    "consultation_advance",
    "consultation_create",
    "consultation_decide",
    "consultation_update",
    "founding_test_record",
    "letters_request",
    "letters_take",
    "member_add",
    "option_add",
    "option_remove",
    "overseer_choices",
    "part_remove",
    "stage_add",
    "tenancies_import",
    "vote_cast",
]
