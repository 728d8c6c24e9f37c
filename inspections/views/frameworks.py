"""Framework pages: the shipped frameworks and councils' own, and a council adding its own."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch
from django.http import HttpResponseRedirect
from django.shortcuts import render

from core.forms import attach_errors
from inspections import services
from inspections.forms.frameworks import AreaForm, FrameworkForm, QuestionForm
from inspections.models import Area, Framework, Question
from inspections.views.common import form_page
from organisations.access import get_object_for
from organisations.models import Council


def framework_list(request):
    frameworks = (
        Framework.objects.restrict(request.user)
        .select_related("council")
        .annotate(question_count=Count("areas__questions"))
        .order_by("council__name", "name")
    )
    councils = Council.objects.restrict(request.user, "change")
    return render(request, "inspections/framework_list.html", {"frameworks": frameworks, "can_add": councils.exists()})


def framework_detail(request, pk):
    framework = get_object_for(
        request.user,
        Framework.objects.select_related("council").prefetch_related(
            Prefetch("areas", queryset=Area.objects.prefetch_related(Prefetch("questions", Question.objects.all())))
        ),
        pk=pk,
    )
    can_change = Framework.objects.allows(request.user, "change", framework)
    return render(request, "inspections/framework_detail.html", {"framework": framework, "can_change": can_change})


def framework_create(request):
    councils = list(Council.objects.restrict(request.user, "change"))
    if not councils:
        raise PermissionDenied("Only council officers can add a framework.")
    form = FrameworkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            framework = services.framework_create(actor=request.user, council=councils[0], **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "Your framework is added. Now add its areas and questions.")
            return HttpResponseRedirect(framework.get_absolute_url())
    return form_page(request, "inspections/framework_form.html", {"form": form, "council": councils[0]})


def area_add(request, pk):
    framework = get_object_for(request.user, Framework, "change", pk=pk)
    form = AreaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.area_add(actor=request.user, framework=framework, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "The area is added.")
            return HttpResponseRedirect(framework.get_absolute_url())
    return form_page(
        request, "inspections/framework_part_form.html", {"form": form, "framework": framework, "what": "an area"}
    )


def question_add(request, pk):
    framework = get_object_for(request.user, Framework, "change", pk=pk)
    areas = framework.areas.all()
    form = QuestionForm(request.POST or None, areas=areas)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.question_add(actor=request.user, area=data.pop("area"), **data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "The question is added, and every self-assessment using it can now answer it.")
            return HttpResponseRedirect(framework.get_absolute_url())
    return form_page(
        request, "inspections/framework_part_form.html", {"form": form, "framework": framework, "what": "a question"}
    )
