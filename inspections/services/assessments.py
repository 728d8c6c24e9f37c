"""Self-assessments: starting one for a framework, and scoring each question with its evidence."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from core import clock
from core.history import create_as, save_as
from inspections.models import Answer, Assessment, Evidence, Framework, Question
from inspections.models.assessments import SCORE_ERROR
from inspections.services.parties import require_almo_staff


@transaction.atomic
def assessment_start(*, actor, almo, framework: Framework) -> Assessment:
    """The ALMO starts assessing itself against a framework: one answer to fill in for every question."""
    require_almo_staff(actor, almo)
    framework = Framework.objects.restrict(actor).filter(pk=framework.pk).first()
    if framework is None or not framework.is_active:
        raise ValidationError({"framework": "Choose one of the frameworks listed."})
    if framework.council_id not in (None, almo.council_id):
        raise ValidationError({"framework": "Choose a framework the portal ships or your council has added."})
    if Assessment.objects.filter(almo=almo, framework=framework).exists():
        raise ValidationError({"framework": f"{almo.name} already has a self-assessment against this framework."})
    assessment = create_as(actor, Assessment, almo=almo, framework=framework)
    questions = Question.objects.filter(area__framework=framework)
    bulk_create_with_history(
        [Answer(assessment=assessment, question=question) for question in questions], Answer, default_user=actor
    )
    return assessment


@transaction.atomic
def answer_save(
    *,
    actor,
    answer: Answer,
    score: int | None,
    narrative: str = "",
    owner: str = "",
    last_reviewed: dt.date | None = None,
    evidence: list[Evidence] | None = None,
) -> Answer:
    """Score a question. Linked evidence must be the ALMO's own; a review date cannot be in the future."""
    answer = (
        Answer.objects.select_for_update().select_related("assessment__almo").get_for(actor, "change", pk=answer.pk)
    )
    errors = {}
    if score is not None and score not in (1, 2, 3, 4):
        errors["score"] = SCORE_ERROR
    if last_reviewed and last_reviewed > clock.today():
        errors["last_reviewed"] = "The date last reviewed must be today or in the past."
    almo = answer.assessment.almo
    evidence = list(evidence or [])
    if any(item.almo_id != almo.pk for item in evidence):
        errors["evidence"] = f"Choose evidence from {almo.name}'s own library."
    if errors:
        raise ValidationError(errors)
    answer.score = score
    answer.narrative = (narrative or "").strip()
    answer.owner = (owner or "").strip()
    answer.last_reviewed = last_reviewed
    save_as(actor, answer)
    if set(answer.evidence.values_list("pk", flat=True)) != {item.pk for item in evidence}:
        answer._history_user = actor
        answer.evidence.set(evidence)
    return answer
