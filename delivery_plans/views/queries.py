"""Pages for the council's queries on a return's figures and the ALMO's answers."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.views.decorators.http import require_POST

from core.forms import flash_errors
from delivery_plans import services
from delivery_plans.forms.queries import AnswerForm, QueryForm
from delivery_plans.models import Actual, Query
from organisations.access import get_object_for


@require_POST
def actual_query(request, pk):
    actual = get_object_for(request.user, Actual.objects.select_related("return_record"), "query", pk=pk)
    form = QueryForm(request.POST)
    if form.is_valid():
        try:
            services.actual_query(actor=request.user, actual=actual, text=form.cleaned_data["text"])
        except ValidationError as error:
            flash_errors(request, error)
        else:
            messages.success(
                request, f"Your query on {actual.plan_indicator.indicator.code} has been sent to the ALMO."
            )
    else:
        messages.error(request, "Enter your question for the ALMO.")
    return HttpResponseRedirect(actual.return_record.get_absolute_url())


@require_POST
def query_answer(request, pk):
    query = get_object_for(request.user, Query.objects.select_related("actual__return_record"), "answer", pk=pk)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.query_answer(actor=request.user, query=query, text=form.cleaned_data["text"])
        except ValidationError as error:
            flash_errors(request, error)
        else:
            messages.success(
                request, "Your answer has been sent. Resubmit the return when you have answered every query."
            )
    else:
        messages.error(request, "Enter your answer.")
    return HttpResponseRedirect(query.actual.return_record.get_absolute_url())
