"""Building one demo ALMO's inspection readiness through the services, from its story."""

import datetime as dt
import random

from core import clock
from inspections.models import Answer, Framework, ImprovementAction, Inspection
from inspections.selectors import almo_deadline

REVIEWED = [dt.date(2026, 10, 1), dt.date(2026, 9, 2), dt.date(2026, 6, 30), dt.date(2026, 3, 12)]


def load_almo(almo, story: dict, *, staff, officer, owners, evidence, services) -> None:
    from inspections.demo import upload

    rng = random.Random(almo.slug)
    library = [
        services.evidence_add(
            actor=staff, almo=almo, title=title, description=description, review_due=review, upload=upload(title)
        )
        for title, description, review in evidence
    ]
    framework = Framework.objects.get(council=None, code="hi-2002")
    assessment = services.assessment_start(actor=staff, almo=almo, framework=framework)
    answers = list(Answer.objects.filter(assessment=assessment).select_related("question").order_by("question__pk"))
    for index, answer in enumerate(answers):
        # Most questions scored around the story's level; the last two left for later, as real work goes.
        if index >= len(answers) - 2:
            continue
        score = min(4, max(1, round(rng.gauss(story["mean"], 0.8))))
        services.answer_save(
            actor=staff,
            answer=answer,
            score=score,
            narrative=f"How {almo.name} meets {answer.question.code}: see the linked evidence.",
            owner=rng.choice(owners),
            last_reviewed=rng.choice(REVIEWED),
            evidence=rng.sample(library, k=rng.randint(0, 2)),
        )
    _inspections(almo, story, staff=staff, officer=officer, services=services)
    _actions(almo, story, staff=staff, assessment=assessment, services=services)
    _support(almo, story, staff=staff, officer=officer, services=services)


def _inspections(almo, story, *, staff, officer, services) -> None:
    for kind, title, starts, ends, lead, stars, prospects, summary, recommendations in story["inspections"]:
        # The council records statutory inspections and its own reviews; the ALMO its mock inspections.
        actor = staff if kind in ("mock", "peer_review") else officer
        inspection = services.inspection_record(
            actor=actor,
            almo=almo,
            kind=kind,
            title=title,
            starts_on=starts,
            ends_on=ends,
            lead=lead,
            star_rating=stars,
            prospects=prospects,
            summary=summary,
        )
        for text, priority in recommendations:
            services.recommendation_add(actor=actor, inspection=inspection, text=text, priority=priority)
    for kind, title, starts, ends in story["calendar"]:
        services.calendar_entry_add(
            actor=officer, council=almo.council, almo=almo, kind=kind, title=title, starts_on=starts, ends_on=ends
        )
    if almo.slug == "harrowfield-north-homes":
        for title, day in (("Q3 2026/27 performance returns due", dt.date(2027, 1, 31)),):
            services.calendar_entry_add(
                actor=officer, council=almo.council, kind="return_deadline", title=title, starts_on=day
            )


def _actions(almo, story, *, staff, assessment, services) -> None:
    gaps = list(Answer.objects.filter(assessment=assessment, score__lte=2).select_related("question")[:1])
    recommendation = Inspection.objects.filter(almo=almo).exclude(recommendations=None).order_by("-starts_on").first()
    for index, (title, owner, due, status) in enumerate(story["actions"]):
        source = {}
        if index == 0 and recommendation is not None:
            source["recommendation"] = recommendation.recommendations.first()
        elif gaps:
            source["answer"] = gaps.pop()
        action = services.action_create(actor=staff, almo=almo, title=title, owner=owner, due_on=due, **source)
        if status != ImprovementAction.Status.NOT_STARTED:
            services.action_progress(
                actor=staff, action=action, status=status, note="Work has started; first results at the next meeting."
            )


def _support(almo, story, *, staff, officer, services) -> None:
    for source, kind, provider, description, basis, cost, agreed, status, requested in story["support"]:
        services.support_record_add(
            actor=staff,
            almo=almo,
            source=source,
            support_type=kind,
            provider=provider,
            description=description,
            basis=basis,
            cost=cost,
            agreed_with_government_office=agreed,
            status=status,
            requested_on=requested,
        )
    for held, attendees, notes in story["meetings"]:
        services.support_meeting_add(actor=officer, almo=almo, held_on=held, attendees=attendees, notes=notes)
    if "extension" in story:
        new_deadline, plan = story["extension"]
        current = almo_deadline(almo, clock.today())
        extension = services.extension_propose(
            actor=staff, almo=almo, new_deadline=new_deadline, project_plan=plan, current_deadline=current.effective
        )
        services.extension_decide(actor=officer, extension=extension, agree=True)
