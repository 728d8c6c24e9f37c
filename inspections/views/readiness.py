"""Readiness pages: every ALMO's readiness, a self-assessment with its gaps and prediction, scoring a question."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q
from django.http import HttpResponseRedirect
from django.shortcuts import render

from core import clock
from core.forms import attach_errors
from inspections import selectors, services
from inspections.forms.assessments import AnswerForm, AssessmentStartForm
from inspections.models import Answer, Assessment, Evidence, Framework, ImprovementAction
from inspections.readiness import PREDICTION_RULE
from inspections.services.parties import require_almo_staff
from inspections.views.common import almo_for, form_page
from organisations.access import Party, acting_party, get_object_for


def index(request):
    """The readiness of every ALMO the person may see: a council officer's view across its ALMOs."""
    today = clock.today()
    rows = selectors.almo_overview(request.user, today)
    for row in rows:
        row["can_start"] = acting_party(request.user, row["almo"]) == Party.ALMO
    return render(request, "inspections/index.html", {"rows": rows, "today": today})


def assessment_start(request, almo_pk):
    almo = almo_for(request, almo_pk)
    require_almo_staff(request.user, almo)
    used = Assessment.objects.filter(almo=almo).values("framework")
    frameworks = (
        Framework.objects.restrict(request.user)
        .active()
        .filter(Q(council__isnull=True) | Q(council=almo.council_id))
        .exclude(pk__in=used)
        .order_by("name")
    )
    form = AssessmentStartForm(request.POST or None, frameworks=frameworks)
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.assessment_start(actor=request.user, almo=almo, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "Your self-assessment is started. Score each question in turn.")
            return HttpResponseRedirect(assessment.get_absolute_url())
    return form_page(request, "inspections/assessment_start.html", {"almo": almo, "form": form})


def assessment_detail(request, pk):
    assessment = get_object_for(request.user, Assessment.objects.select_related("almo__council", "framework"), pk=pk)
    today = clock.today()
    answers = list(
        Answer.objects.filter(assessment=assessment)
        .select_related("question__area")
        .prefetch_related(
            Prefetch("evidence", queryset=Evidence.objects.order_by("title")),
            Prefetch("improvement_actions", queryset=ImprovementAction.objects.order_by("due_on")),
        )
    )
    judged = selectors.assessment_readiness(assessment, today, answers=answers)
    party = acting_party(request.user, assessment.almo)
    reports = assessment.reports.order_by("-requested_at")[:3]
    return render(
        request,
        "inspections/assessment_detail.html",
        {
            "assessment": assessment,
            "readiness": judged,
            "rule": PREDICTION_RULE,
            "can_edit": party == Party.ALMO,
            "can_report": Assessment.objects.allows(request.user, "report", assessment),
            "reports": reports,
        },
    )


def answer_edit(request, pk):
    answer = get_object_for(
        request.user,
        Answer.objects.select_related("assessment__almo", "assessment__framework", "question__area"),
        pk=pk,
    )
    can_edit = Answer.objects.allows(request.user, "change", answer)
    evidence = Evidence.objects.filter(almo=answer.assessment.almo).order_by("title")
    initial = {
        "score": answer.score,
        "narrative": answer.narrative,
        "owner": answer.owner,
        "last_reviewed": answer.last_reviewed,
        "evidence": list(answer.evidence.values_list("pk", flat=True)),
    }
    form = AnswerForm(request.POST or None, initial=initial, evidence=evidence)
    if request.method == "POST":
        answer = get_object_for(request.user, Answer, "change", pk=pk)
        if form.is_valid():
            try:
                services.answer_save(actor=request.user, answer=answer, **form.cleaned_data)
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, f"Your answer to {answer.question.code} is saved.")
                return HttpResponseRedirect(answer.assessment.get_absolute_url() + f"#answer-{answer.pk}")
    return form_page(
        request,
        "inspections/answer_edit.html",
        {"answer": answer, "question": answer.question, "form": form, "can_edit": can_edit},
    )
