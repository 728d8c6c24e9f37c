"""What each HRA and Decent Homes step tells the other side, and what it asks them to do."""

from __future__ import annotations

from hra.models import AllocationAgreement, DecentHomesProgramme, ReprofileRequest
from organisations.access import Party
from organisations.joint_agreement import other_party
from organisations.notifications import notify_party

SIDE_FIRST = {Party.COUNCIL: "The council", Party.ALMO: "The ALMO"}


def allocation_changed(allocation: AllocationAgreement, actor, *, had_agreed: bool) -> None:
    again = " again, as its terms have changed" if had_agreed else ""
    notify_party(
        almo=allocation.almo,
        party=Party.ALMO,
        subject=f"Your HRA allocation for {allocation.hra_year.label} waits for your agreement",
        message=f"The council set the management fee and share of capital receipts for {allocation.almo.name} in "
        f"{allocation.hra_year.label}. Check them and agree them{again}.",
        link=allocation.get_absolute_url(),
        except_user=actor,
    )


def allocation_agreed(allocation: AllocationAgreement, party: str, actor) -> None:
    if allocation.agreed_by_both:
        subject = f"The HRA allocation for {allocation.almo.name}, {allocation.hra_year.label}, is agreed"
        message = f"{SIDE_FIRST[party]} agreed the allocation, so both sides have. Capital receipts can be recorded."
    else:
        subject = f"The HRA allocation for {allocation.almo.name}, {allocation.hra_year.label}, waits for you"
        message = (
            f"{SIDE_FIRST[party]} agreed the allocation for {allocation.hra_year.label}. Check it and agree it too."
        )
    notify_party(
        almo=allocation.almo,
        party=other_party(party),
        subject=subject,
        message=message,
        link=allocation.get_absolute_url(),
        except_user=actor,
    )


def programme_agreed(programme: DecentHomesProgramme, party: str, actor) -> None:
    both = programme.agreed_by_both
    notify_party(
        almo=programme.almo,
        party=other_party(party),
        subject=f"The Decent Homes programme {programme.label} for {programme.almo.name}"
        + (" is agreed" if both else " waits for your agreement"),
        message=f"{SIDE_FIRST[party]} agreed the Decent Homes programme for {programme.label}. "
        + ("Both sides have agreed it: spend can be reported against its profile." if both else "Agree it too."),
        link=programme.get_absolute_url(),
        except_user=actor,
    )


def programme_changed(programme: DecentHomesProgramme, actor) -> None:
    notify_party(
        almo=programme.almo,
        party=Party.ALMO,
        subject=f"The Decent Homes programme {programme.label} for {programme.almo.name} has changed",
        message=f"The council changed the Decent Homes programme for {programme.label}. Check it and agree it.",
        link=programme.get_absolute_url(),
        except_user=actor,
    )


def reprofile_proposed(request: ReprofileRequest, actor) -> None:
    programme = request.programme
    notify_party(
        almo=programme.almo,
        party=request.deciding_party,
        subject=f"A re-profile of Decent Homes spend for {programme.almo.name} waits for your decision",
        message=f"{SIDE_FIRST[request.proposed_by_party]} proposes a new quarterly profile for the Decent Homes "
        f"programme {programme.label}. Agree or decline it.",
        link=request.get_absolute_url(),
        except_user=actor,
    )


def reprofile_decided(request: ReprofileRequest, actor) -> None:
    programme = request.programme
    decided = request.get_status_display().lower()
    after = "The profile has changed." if request.status == ReprofileRequest.Status.AGREED else "Read their reasons."
    notify_party(
        almo=programme.almo,
        party=request.proposed_by_party,
        subject=f"Your re-profile of the Decent Homes programme {programme.label} was {decided}",
        message=f"{SIDE_FIRST[request.deciding_party]} {decided} the re-profile of the Decent Homes programme "
        f"{programme.label} for {programme.almo.name}. {after}",
        link=request.get_absolute_url(),
        except_user=actor,
    )
