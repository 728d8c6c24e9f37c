"""Pages for disputes: the log, raising one, and moving it through its stages to an outcome."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import render

from core.forms import attach_errors
from core.pages import paginate
from organisations.access import acting_party, get_object_for
from slas import services
from slas.forms.disputes import DisputeForm, MoveForm
from slas.models import Dispute, Stage
from slas.views.common import form_page, sla_for


def dispute_list(request):
    """Every dispute a person can see; `?open=yes` keeps those not yet resolved."""
    disputes = Dispute.objects.restrict(request.user).select_related("sla__almo").order_by("-raised_at", "-pk")
    only_open = request.GET.get("open") == "yes"
    if only_open:
        disputes = disputes.open()
    return render(request, "slas/dispute_list.html", {**paginate(request, disputes), "only_open": only_open})


def dispute_raise(request, pk):
    sla = sla_for(request, pk, "change")
    form = DisputeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            dispute = services.dispute_raise(actor=request.user, sla=sla, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "The dispute is raised. The other side has been told.")
            return HttpResponseRedirect(dispute.get_absolute_url())
    return form_page(request, form, {"sla": sla, "title": "Raise a dispute", "button": "Raise the dispute"})


def dispute_detail(request, pk):
    dispute = get_object_for(request.user, Dispute.objects.select_related("sla__almo", "raised_by"), pk=pk)
    party = acting_party(request.user, dispute.sla.almo)
    form = MoveForm(request.POST or None, dispute=dispute) if party and not dispute.is_resolved else None
    if request.method == "POST":
        get_object_for(request.user, Dispute, "change", pk=pk)
        if form is None:
            messages.error(request, "This dispute is resolved, so it cannot move again.")
            return HttpResponseRedirect(dispute.get_absolute_url())
        if form.is_valid():
            try:
                services.dispute_move(actor=request.user, dispute=dispute, **form.cleaned_data)
            except ValidationError as error:
                attach_errors(form, error)
            else:
                stage = Stage(form.cleaned_data["stage"]).label.lower()
                messages.success(request, f"The dispute is now {stage}. The other side has been told.")
                return HttpResponseRedirect(dispute.get_absolute_url())
    context = {"dispute": dispute, "sla": dispute.sla, "form": form, "events": dispute.events.select_related("by")}
    return render(request, "slas/dispute_detail.html", context, status=400 if form is not None and form.errors else 200)
