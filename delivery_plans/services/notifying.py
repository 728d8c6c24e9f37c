"""What each step of the Delivery Plan workflow tells the other side, and what it asks them to do.

Every message names the record, says what to do, and links to the page to do it on; the portal
shows it and the same words go by email (see `organisations.notifications`).
"""

from __future__ import annotations

from delivery_plans.models import Amendment, DeliveryPlan, Query, Return
from organisations.access import Party
from organisations.notifications import notify_party

OTHER = {Party.COUNCIL: Party.ALMO, Party.ALMO: Party.COUNCIL}
SIDE = {Party.COUNCIL: "the council", Party.ALMO: "the ALMO"}
# At the start of a sentence (str.capitalize would make "the ALMO" into "The almo").
SIDE_FIRST = {Party.COUNCIL: "The council", Party.ALMO: "The ALMO"}


def _return_words(return_record: Return) -> str:
    return f"the {return_record.period_label} return for {return_record.plan.almo.name}"


def query_raised(query: Query, actor) -> None:
    return_record = query.actual.return_record
    code = query.actual.plan_indicator.indicator.code
    notify_party(
        almo=return_record.plan.almo,
        party=Party.ALMO,
        subject=f"A query on {code} in your {return_record.period_label} return",
        message=f"The council has a query on {code} in {_return_words(return_record)}. Answer it, then send the "
        "return again.",
        link=return_record.get_absolute_url(),
        except_user=actor,
    )


def query_answered(query: Query, actor) -> None:
    return_record = query.actual.return_record
    code = query.actual.plan_indicator.indicator.code
    notify_party(
        almo=return_record.plan.almo,
        party=Party.COUNCIL,
        subject=f"{return_record.plan.almo.name} answered your query on {code}",
        message=f"{return_record.plan.almo.name} answered the query on {code} in {_return_words(return_record)}. "
        "Read the answer, then accept the return or ask again.",
        link=return_record.get_absolute_url(),
        except_user=actor,
    )


def return_submitted(return_record: Return, actor) -> None:
    again = return_record.status == Return.Status.RESUBMITTED
    notify_party(
        almo=return_record.plan.almo,
        party=Party.COUNCIL,
        subject=f"{return_record.plan.almo.name} sent its {return_record.period_label} return"
        + (" again" if again else ""),
        message=f"{return_record.plan.almo.name} sent {_return_words(return_record)}"
        + (" again" if again else "")
        + ". Review the figures, then accept the return or query a line.",
        link=return_record.get_absolute_url(),
        except_user=actor,
    )


def return_accepted(return_record: Return, actor) -> None:
    notify_party(
        almo=return_record.plan.almo,
        party=Party.ALMO,
        subject=f"The council accepted your {return_record.period_label} return",
        message=f"The council accepted {_return_words(return_record)}. Nothing more is needed for that quarter.",
        link=return_record.get_absolute_url(),
        except_user=actor,
    )


def return_reopened(return_record: Return, amendment: Amendment, actor) -> None:
    notify_party(
        almo=return_record.plan.almo,
        party=Party.ALMO,
        subject=f"Your {return_record.period_label} return is back with you",
        message=f"An agreed amendment changed a target in {_return_words(return_record)}, so it is back with you. "
        "Check the figures and commentary, then send it again.",
        link=return_record.get_absolute_url(),
        except_user=actor,
    )


def amendment_proposed(amendment: Amendment, actor) -> None:
    party = amendment.proposing_party
    notify_party(
        almo=amendment.plan.almo,
        party=OTHER[party],
        subject=f"An amendment to {amendment.plan.title} waits for your decision",
        message=f"{SIDE_FIRST[party]} proposes an amendment to {amendment.plan.title}: {amendment}. "
        "Agree or decline it.",
        link=amendment.get_absolute_url(),
        except_user=actor,
    )


def amendment_decided(amendment: Amendment, actor) -> None:
    decided = "agreed" if amendment.status == Amendment.Status.AGREED else "declined"
    after = "The plan has changed." if decided == "agreed" else "Read their reasons."
    notify_party(
        almo=amendment.plan.almo,
        party=amendment.proposing_party,
        subject=f"Your amendment to {amendment.plan.title} was {decided}",
        message=f"{SIDE_FIRST[OTHER[amendment.proposing_party]]} {decided} your amendment: {amendment}. " + after,
        link=amendment.get_absolute_url(),
        except_user=actor,
    )


def plan_signed(plan: DeliveryPlan, party: str, actor) -> None:
    if plan.is_in_force:
        message = f"{SIDE_FIRST[party]} signed {plan.title}, so it is now in force. Returns can start."
        subject = f"{plan.title} is in force"
    else:
        message = f"{SIDE_FIRST[party]} signed {plan.title}. Check it and sign it too to bring it into force."
        subject = f"{plan.title} waits for your signature"
    notify_party(
        almo=plan.almo,
        party=OTHER[party],
        subject=subject,
        message=message,
        link=plan.get_absolute_url(),
        except_user=actor,
    )
