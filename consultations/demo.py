"""Demo consultations for the fictional ALMOs of `organisations.demo`: one ballot published, one open. None is real.

Harrowfield Central Homes' review has run its course: its ballot is closed, verified and published. Harrowfield
South Homes' review is open, with votes coming in. Both go through the portal's own services, overseen by a
fictional returning officer from an independent ballot company. The demo knows the voting codes it casts with
only because it makes them itself (the portal's letters would show each code once, on paper).

Safe to run again: a consultation that already exists is left alone.
"""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test.utils import override_settings

from consultations import codes, services
from consultations.models import Ballot, ChecklistItem, Consultation, FoundingTest, LetterBatch, Tenancy, VotingCode
from core import clock
from core.demo import upsert
from core.uploads import prepare_upload
from organisations.access import Role
from organisations.models import Almo, Council, Membership
from organisations.notifications import in_portal_only

User = get_user_model()
OVERSEER = ("ballot.overseer", "Ruth", "Adebayo")
FIRST = ["Amina", "Brian", "Carol", "Dev", "Elaine", "Farid", "Gwen", "Harold", "Ifeoma", "Jack", "Kirsty", "Leon"]
LAST = ["Ashworth", "Begum", "Clough", "Dawson", "Egan", "Fairclough", "Greenwood", "Hussain", "Ingham", "Jagger"]
STREETS = ["Mill Lane", "Chapel Street", "Moor View", "Canal Side", "Beech Grove", "Station Road"]
AREAS = ["Eastfield", "Lowmoor", "Brookside", "Town centre"]
TENURES = ["secure"] * 8 + ["introductory", "flexible", "leasehold", "shared_ownership"]
FOUNDING = {
    "harrowfield-north-homes": ("ballot", 2004),
    "harrowfield-central-homes": ("ballot", 2004),
    "harrowfield-south-homes": ("ballot", 2005),
    "kelworth-homes": ("other", 2006),
    "ashby-vale-homes": ("survey", 2007),
}
# A tiny real PDF, as checklist evidence: the demo's documents are placeholders.
EVIDENCE = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def load() -> None:
    council = Council.objects.filter(slug="harrowfield").first()
    if council is None:
        return
    officer = User.objects.get(username="council.officer")
    overseer = _overseer(council)
    for slug, (kind, year) in FOUNDING.items():
        almo = Almo.objects.filter(slug=slug).first()
        if almo and not FoundingTest.objects.filter(almo=almo).exists():
            services.founding_test_record(actor=_officer_for(almo), almo=almo, kind=kind, held_in=year, notes="")
    with in_portal_only(), transaction.atomic():
        _published_review(officer, overseer)
        _open_review(officer, overseer)


def _officer_for(almo):
    return User.objects.filter(
        memberships__role=Role.COUNCIL_OFFICER, memberships__council=almo.council_id, memberships__is_active=True
    ).first()


def _overseer(council) -> Membership:
    username, first, last = OVERSEER
    user = User.objects.filter(username=username).first()
    if user is None:
        from organisations.demo import DEMO_PASSWORD

        user = User(username=username, first_name=first, last_name=last, email=f"{username}@example.org")
        user.set_password(DEMO_PASSWORD)
        user.save()
    membership, _ = upsert(Membership, {"user": user, "role": Role.OBSERVER, "council": council}, {"is_admin": False})
    wanted = set(
        Almo.objects.filter(slug__in=["harrowfield-central-homes", "harrowfield-south-homes"]).values_list(
            "pk", flat=True
        )
    )
    if set(membership.granted_almos.values_list("pk", flat=True)) != wanted:
        membership.granted_almos.set(wanted)
    return membership


OPTIONS = [
    (
        "Keep the ALMO",
        "The ALMO carries on managing the homes under a new ten-year agreement.",
        "Tenants keep their board places; the improvement plan continues.",
        "A management fee to fund.",
        "No change to who tenants deal with.",
    ),
    (
        "Bring management back to the council",
        "The council manages the homes directly from April 2028.",
        "One organisation to deal with; savings on board and audit costs.",
        "Tenants lose their board places.",
        "Staff transfer to the council; phone numbers and offices change.",
    ),
]


def _fill(officer, consultation) -> None:
    """The options, a timetable and a project group, as the council's officer would add them."""
    for title, summary, pros, cons, impact in OPTIONS:
        services.option_add(
            actor=officer,
            consultation=consultation,
            title=title,
            summary=summary,
            pros=pros,
            cons=cons,
            impact_on_residents=impact,
        )
    for offset, title in ((0, "Options shaped with tenants"), (60, "Information to every tenant"), (90, "Ballot")):
        services.stage_add(
            actor=officer,
            consultation=consultation,
            title=title,
            starts_on=clock.today() - dt.timedelta(days=150 - offset),
            ends_on=None,
            description="",
        )
    services.member_add(
        actor=officer,
        consultation=consultation,
        name="Doreen Platt",
        represents="Harrowfield Tenants' Federation",
        is_tenant=True,
    )
    services.member_add(
        actor=officer,
        consultation=consultation,
        name="Helen Marsh",
        represents="Harrowfield council housing strategy",
        is_tenant=False,
    )


def _consultation(officer, slug: str, subject: str) -> Consultation | None:
    almo = Almo.objects.get(slug=slug)
    if Consultation.objects.filter(almo=almo, subject=subject).exists():
        return None
    consultation = services.consultation_create(
        actor=officer,
        almo=almo,
        subject=subject,
        purpose=f"To decide with tenants who should manage the homes {almo} looks after from April 2028: "
        "the ALMO under a new agreement, or the council directly.",
        decision_criteria="Tenants' vote in the ballot, the cost-benefit and risk assessment, and the effect on "
        "services and on the Decent Homes programme. Cabinet decides after the result is published.",
        is_future_review=True,
        method="ballot",
        overseeing_organisation="Pennine Independent Ballots (fictional)",
        independent_tenant_adviser="Tenants First Advice (fictional)",
    )
    _fill(officer, consultation)
    return consultation


def _confirm_checklist(officer, consultation, keys=None) -> None:
    for item in ChecklistItem.objects.filter(consultation=consultation):
        if keys is not None and item.key not in keys:
            continue
        upload = prepare_upload(SimpleUploadedFile(f"{item.key}.pdf", EVIDENCE, content_type="application/pdf"))
        services.checklist_evidence_add(actor=officer, item=item, upload=upload)
        services.checklist_item_update(actor=officer, item=item, status="confirmed", notes="")


def _register(ballot: Ballot, count: int, seed: str) -> list[str]:
    """Tenancies, and a code for each that the demo knows, recorded as one batch of letters already printed."""
    rng = random.Random(seed)
    tenancies = [
        Tenancy(
            ballot=ballot,
            reference=f"{seed[:2].upper()}-{10000 + n}",
            name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            address=f"{rng.randint(1, 120)} {rng.choice(STREETS)}, Harrowfield",
            postcode=f"HF{rng.randint(1, 9)} {rng.randint(1, 9)}AB",
            tenure=rng.choice(TENURES),
            area=rng.choice(AREAS),
        )
        for n in range(count)
    ]
    for tenancy in tenancies:
        tenancy.full_clean()
        tenancy.save()
    officer = ballot.consultation.created_by
    batch = LetterBatch.objects.create(
        ballot=ballot,
        kind=LetterBatch.Kind.FIRST,
        status=LetterBatch.Status.DOWNLOADED,
        letter_count=count,
        requested_by=officer,
        downloaded_by=officer,
    )
    known = [codes.new_code() for _ in tenancies]
    VotingCode.objects.bulk_create(
        VotingCode(ballot=ballot, tenancy=t, batch=batch, code_hash=codes.code_hash(ballot.public_id, code))
        for t, code in zip(tenancies, known, strict=True)
    )
    return known


def _ballot(officer, overseer, consultation, opens_on, closes_on, tenancies, seed) -> tuple[Ballot, list[str]]:
    ballot = services.ballot_create(
        actor=officer,
        consultation=consultation,
        question=f"{consultation.subject}: which do you want?",
        opens_on=opens_on,
        closes_on=closes_on,
        overseer=overseer,
    )
    known = _register(ballot, tenancies, seed)
    with override_settings(PORTAL_TODAY=opens_on.isoformat()):
        services.ballot_open(actor=officer, ballot=ballot)
    return ballot, known


def _vote(ballot: Ballot, known: list[str], votes: list[int], day) -> None:
    options = list(ballot.consultation.options.all())
    with override_settings(PORTAL_TODAY=day.isoformat()):
        for code, choice in zip(known, votes, strict=False):
            services.vote_cast(ballot=ballot, code=code, option_id=options[choice].pk)


def _published_review(officer, overseer) -> None:
    consultation = _consultation(officer, "harrowfield-central-homes", "The future of Harrowfield Central Homes")
    if consultation is None:
        return
    today = clock.today()
    opens_on, closes_on = today - dt.timedelta(days=80), today - dt.timedelta(days=52)
    ballot, known = _ballot(officer, overseer, consultation, opens_on, closes_on, 60, "central")
    _vote(ballot, known, [0] * 27 + [1] * 14, closes_on)
    person = overseer.user
    with override_settings(PORTAL_TODAY=(closes_on + dt.timedelta(days=1)).isoformat()):
        services.ballot_close(actor=person, ballot=ballot)
        services.ballot_verify(actor=person, ballot=ballot)
        services.ballot_publish(actor=person, ballot=ballot)
    _confirm_checklist(officer, consultation)
    services.consultation_advance(actor=officer, consultation=consultation, status="reported")


def _open_review(officer, overseer) -> None:
    consultation = _consultation(officer, "harrowfield-south-homes", "The future of Harrowfield South Homes")
    if consultation is None:
        return
    today = clock.today()
    ballot, known = _ballot(
        officer, overseer, consultation, today - dt.timedelta(days=7), today + dt.timedelta(days=21), 40, "south"
    )
    _vote(ballot, known, [1, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0], today)
    _confirm_checklist(officer, consultation, {"department_notified", "information_impartial", "externally_overseen"})
    # A tenant who lost their letter: the old code is void, and a new letter waits to be downloaded.
    lost = Tenancy.objects.filter(ballot=ballot).order_by("reference").last()
    services.code_reissue(actor=officer, tenancy=lost, reason="Letter lost in the post")


def sign_ins() -> list[tuple[str, str]]:
    return [(OVERSEER[0], "returning officer overseeing Harrowfield's ballots (observer)")]
