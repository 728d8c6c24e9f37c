"""Frameworks a council adds for itself: the framework, its areas and its questions."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from core.history import create_as
from inspections.models import Answer, Area, Assessment, Framework, Question
from organisations.models import Council


@transaction.atomic
def framework_create(*, actor, council: Council, code: str, name: str, description: str = "", source: str = ""):
    council = Council.objects.get_for(actor, "change", pk=council.pk)
    return create_as(
        actor,
        Framework,
        council=council,
        code=code.strip(),
        name=name.strip(),
        description=description.strip(),
        source=source.strip(),
    )


@transaction.atomic
def area_add(*, actor, framework: Framework, code: str, title: str) -> Area:
    framework = Framework.objects.select_for_update().get_for(actor, "change", pk=framework.pk)
    order = framework.areas.count() + 1
    return create_as(actor, Area, framework=framework, code=code.strip(), title=title.strip(), order=order)


@transaction.atomic
def question_add(
    *,
    actor,
    area: Area,
    code: str,
    text: str,
    guidance: str = "",
    descriptor_fair: str = "",
    descriptor_good: str = "",
    descriptor_excellent: str = "",
) -> Question:
    """Add a question; every self-assessment already using the framework gets it to answer too."""
    area = Area.objects.select_for_update().select_related("framework").get_for(actor, "change", pk=area.pk)
    if not text.strip():
        raise ValidationError({"text": "Enter the question."})
    question = create_as(
        actor,
        Question,
        area=area,
        code=code.strip(),
        text=text.strip(),
        guidance=guidance.strip(),
        descriptor_fair=descriptor_fair.strip(),
        descriptor_good=descriptor_good.strip(),
        descriptor_excellent=descriptor_excellent.strip(),
        order=area.questions.count() + 1,
    )
    assessments = Assessment.objects.filter(framework=area.framework)
    bulk_create_with_history(
        [Answer(assessment=assessment, question=question) for assessment in assessments], Answer, default_user=actor
    )
    return question
