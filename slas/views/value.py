"""Pages for value for money: adding and removing the benchmarks an SLA's charge is compared with."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.views.decorators.http import require_POST

from core.forms import flash_errors
from organisations.access import get_object_for
from slas import selectors, services
from slas.forms.value import BenchmarkForm
from slas.models import Benchmark
from slas.views.common import call_service, form_page, sla_for


def benchmark_add(request, pk):
    sla = sla_for(request, pk, "change")
    terms = selectors.terms_of(sla)
    initial = {"currency": "GBP", "homes_covered": sla.almo.homes_managed, "year": terms.charge_year if terms else None}
    form = BenchmarkForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if call_service(form, services.benchmark_add, actor=request.user, sla=sla, values=form.cleaned_data):
            messages.success(request, "The benchmark is added.")
            return HttpResponseRedirect(sla.get_absolute_url() + "#value-for-money")
    intro = (
        "Each benchmark is compared as pounds per home for a year, at the prices of the year the charge is priced at."
    )
    return form_page(
        request, form, {"sla": sla, "title": "Add a benchmark", "button": "Add the benchmark", "intro": intro}
    )


@require_POST
def benchmark_remove(request, pk):
    benchmark = get_object_for(request.user, Benchmark.objects.select_related("sla"), "change", pk=pk)
    try:
        services.benchmark_remove(actor=request.user, benchmark=benchmark)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, f"The benchmark from {benchmark.source} is removed.")
    return HttpResponseRedirect(benchmark.sla.get_absolute_url() + "#value-for-money")
