"""Pages for the 2011 checklist: every item's status and evidence, and one item to update."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from consultations import selectors, services
from consultations.forms.consultations import ChecklistStatusForm, EvidenceForm
from consultations.models import ChecklistItem, Consultation
from core.forms import attach_errors
from core.uploads import attachment_response
from organisations.access import can, get_object_for


def checklist(request, pk):
    consultation = get_object_for(request.user, Consultation.objects.select_related("almo"), pk=pk)
    items = consultation.checklist.select_related("confirmed_by", "evidence_added_by")
    return render(
        request,
        "consultations/checklist.html",
        {"consultation": consultation, "items": items, "progress": selectors.checklist_progress(consultation)},
    )


def checklist_item(request, pk):
    item = get_object_for(request.user, ChecklistItem.objects.select_related("consultation__almo"), pk=pk)
    may_confirm = can(request.user, item, "change")
    may_add = can(request.user, item, "add_evidence")
    status_form = ChecklistStatusForm(item=item, initial={"status": item.status, "notes": item.notes})
    evidence_form = EvidenceForm()
    if request.method == "POST":
        if request.POST.get("form") == "evidence" and may_add:
            evidence_form = EvidenceForm(request.POST, request.FILES)
            if evidence_form.is_valid() and _saved(
                evidence_form,
                services.checklist_evidence_add,
                request,
                item,
                upload=evidence_form.cleaned_data["evidence"],
            ):
                messages.success(request, "The evidence is added.")
                return HttpResponseRedirect(request.path)
        elif request.POST.get("form") == "status" and may_confirm:
            status_form = ChecklistStatusForm(request.POST, item=item)
            if status_form.is_valid() and _saved(
                status_form, services.checklist_item_update, request, item, **status_form.cleaned_data
            ):
                messages.success(request, "The item is updated.")
                return HttpResponseRedirect(reverse("consultations:checklist", args=[item.consultation_id]))
        else:
            raise Http404("There is nothing to change here.")
    failed = bool(status_form.errors or evidence_form.errors)
    context = {
        "item": item,
        "consultation": item.consultation,
        "status_form": status_form,
        "evidence_form": evidence_form,
        "form": status_form if status_form.errors else evidence_form,
        "may_confirm": may_confirm,
        "may_add": may_add,
    }
    return render(request, "consultations/checklist_item.html", context, status=400 if failed else 200)


def _saved(form, service, request, item, **fields) -> bool:
    try:
        service(actor=request.user, item=item, **fields)
    except ValidationError as error:
        attach_errors(form, error)
        return False
    return True


def evidence_download(request, pk):
    item = get_object_for(request.user, ChecklistItem, pk=pk)
    if not item.evidence:
        raise Http404("This item has no evidence.")
    return attachment_response(
        item.evidence, download_name=item.evidence_name or "evidence", user=request.user, what=f"checklist {item.pk}"
    )
