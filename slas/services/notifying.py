"""What each step of an SLA's life tells the other side, and what it asks them to do.

Every message names the SLA and the ALMO, says what to do next and links to the page to do it on; the portal
shows it and the same words go by email (`organisations.notifications`).
"""

from __future__ import annotations

from core.dates import govuk_date
from organisations.access import Party
from organisations.joint_agreement import other_party
from organisations.notifications import notify_party
from slas.models import Dispute, ServiceLevelAgreement, SlaVersion

SIDE_FIRST = {Party.COUNCIL: "The council", Party.ALMO: "The ALMO"}


def _name(sla: ServiceLevelAgreement) -> str:
    return f"the {sla.title} SLA with {sla.almo.name}"


def tell_other_side(sla: ServiceLevelAgreement, party: str, actor, subject: str, message: str, link: str = "") -> int:
    return notify_party(
        almo=sla.almo,
        party=other_party(party),
        subject=subject,
        message=message,
        link=link or sla.get_absolute_url(),
        except_user=actor,
    )


def terms_drafted(version: SlaVersion, party: str, actor) -> None:
    sla = version.sla
    what = "proposes new terms for" if version.number > 1 else "drafted"
    tell_other_side(
        sla,
        party,
        actor,
        f"{sla.title}: terms waiting for your agreement",
        f"{SIDE_FIRST[party]} {what} {_name(sla)}. Check the terms and standards, then agree them.",
    )


def terms_changed(version: SlaVersion, party: str, actor) -> None:
    sla = version.sla
    tell_other_side(
        sla,
        party,
        actor,
        f"{sla.title}: the terms changed after they were agreed",
        f"{SIDE_FIRST[party]} changed the terms of {_name(sla)}, so both sides must agree them again.",
    )


def terms_agreed(version: SlaVersion, party: str, actor) -> None:
    sla = version.sla
    if version.agreed_by_both:
        subject = f"{sla.title} is in force"
        message = f"{SIDE_FIRST[party]} agreed version {version.number} of {_name(sla)}: it is now in force."
    else:
        subject = f"{sla.title}: terms waiting for your agreement"
        message = f"{SIDE_FIRST[party]} agreed version {version.number} of {_name(sla)}. Check it and agree it too."
    tell_other_side(sla, party, actor, subject, message)


def sla_ended(sla: ServiceLevelAgreement, party: str, actor) -> None:
    tell_other_side(
        sla,
        party,
        actor,
        f"{sla.title} has ended",
        f"{SIDE_FIRST[party]} ended {_name(sla)} from {govuk_date(sla.ended_on)}: {sla.end_reason}",
    )


def standards_red(sla: ServiceLevelAgreement, party: str, actor, period: str, titles: list[str]) -> None:
    tell_other_side(
        sla,
        party,
        actor,
        f"{sla.title}: {len(titles)} standard{'s' if len(titles) != 1 else ''} red in {period}",
        f"Red in {period} for {_name(sla)}: {'; '.join(titles)}. Read the commentary and agree what happens next.",
    )


def dispute_raised(dispute: Dispute, actor) -> None:
    sla = dispute.sla
    tell_other_side(
        sla,
        dispute.raised_by_party,
        actor,
        f"A dispute about {sla.title}",
        f"{SIDE_FIRST[dispute.raised_by_party]} raised a dispute about {_name(sla)}: {dispute.title}. Respond to it.",
        dispute.get_absolute_url(),
    )


def dispute_moved(dispute: Dispute, party: str, actor) -> None:
    sla = dispute.sla
    if dispute.is_resolved:
        text = f"resolved the dispute {dispute.title} ({dispute.get_outcome_display().lower()})"
    else:
        text = f"moved the dispute {dispute.title} to {dispute.get_stage_display().lower()}"
    tell_other_side(
        sla,
        party,
        actor,
        f"The dispute about {sla.title}: {dispute.get_stage_display().lower()}",
        f"{SIDE_FIRST[party]} {text}, about {_name(sla)}.",
        dispute.get_absolute_url(),
    )
