"""Pages for the council's queries on a return's figures and the ALMO's answers."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.views.decorators.http import require_POST

from delivery_plans import services
from delivery_plans.forms.queries import AnswerForm, QueryForm
from delivery_plans.models import Actual, Query
from delivery_plans.views.returns import return_detail
from organisations.access import get_object_for


@require_POST
def actual_query(request, pk):
    actual = get_object_for(request.user, Actual.objects.select_related("return_record"), "query", pk=pk)
    form = QueryForm(request.POST)
    field = f"query-{actual.pk}"
    if not form.is_valid():
        message = f"Enter your question for the ALMO about {actual.plan_indicator.indicator.code}"
        return return_detail(request, actual.return_record_id, problem={"id": field, "message": message})
    try:
        services.actual_query(actor=request.user, actual=actual, text=form.cleaned_data["text"])
    except ValidationError as error:
        return return_detail(request, actual.return_record_id, problem={"id": field, "message": error.messages[0]})
    messages.success(request, f"Your query on {actual.plan_indicator.indicator.code} has been sent to the ALMO.")
    return HttpResponseRedirect(actual.return_record.get_absolute_url())


@require_POST
def query_answer(request, pk):
    query = get_object_for(request.user, Query.objects.select_related("actual__return_record"), "answer", pk=pk)
    form = AnswerForm(request.POST)
    field = f"answer-{query.pk}"
    return_id = query.actual.return_record_id
    if not form.is_valid():
        return return_detail(request, return_id, problem={"id": field, "message": "Enter your answer to the query"})
    try:
        services.query_answer(actor=request.user, query=query, text=form.cleaned_data["text"])
    except ValidationError as error:
        return return_detail(request, return_id, problem={"id": field, "message": error.messages[0]})
    messages.success(request, "Your answer has been sent. Resubmit the return when you have answered every query.")
    return HttpResponseRedirect(query.actual.return_record.get_absolute_url())
