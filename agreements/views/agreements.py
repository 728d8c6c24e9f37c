"""Pages for management agreements: the list, a version with its register, drafting, agreeing and the document."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from agreements import services
from agreements.forms import AgreementForm, ClauseForm, DelegatedFunctionForm, FinancialLimitForm
from agreements.models import ManagementAgreement
from agreements.views.common import form_page
from core.forms import attach_errors, flash_errors
from core.uploads import attachment_response
from organisations.access import acting_party, can, get_object_for
from organisations.models import Almo

PART_FORMS = {
    "functions": (DelegatedFunctionForm, "delegated function"),
    "limits": (FinancialLimitForm, "financial limit"),
    "clauses": (ClauseForm, "clause"),
}


def _crumbs(agreement=None):
    crumbs = [("Management agreements", reverse("agreements:agreement_list"))]
    if agreement is not None:
        crumbs.append((str(agreement), agreement.get_absolute_url()))
    return crumbs


def agreement_list(request):
    agreements = (
        ManagementAgreement.objects.restrict(request.user).select_related("almo").order_by("almo__name", "-version")
    )
    return render(
        request,
        "agreements/agreement_list.html",
        {"agreements": agreements, "can_create": Almo.objects.restrict(request.user, "change").exists()},
    )


def agreement_create(request):
    almos = Almo.objects.restrict(request.user, "change").order_by("name")
    if not almos.exists():
        raise PermissionDenied("Only a council's officers draft its ALMOs' management agreements.")
    form = AgreementForm(request.POST or None, request.FILES or None, almos=almos)
    if request.method == "POST" and form.is_valid():
        try:
            agreement = services.agreement_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "The draft agreement is saved. Add its delegated functions, then agree it.")
            return HttpResponseRedirect(agreement.get_absolute_url())
    return form_page(
        request,
        form,
        title="Record a management agreement",
        caption="Management agreements",
        button="Save the draft",
        back=reverse("agreements:agreement_list"),
        crumbs=_crumbs(),
        files=True,
    )


def agreement_detail(request, pk):
    agreement = get_object_for(
        request.user,
        ManagementAgreement.objects.select_related("almo__council", "council_agreed_by", "almo_agreed_by"),
        pk=pk,
    )
    party = acting_party(request.user, agreement.almo)
    can_change = not agreement.is_locked and can(request.user, agreement, "change")
    return render(
        request,
        "agreements/agreement_detail.html",
        {
            "agreement": agreement,
            "functions": agreement.functions.all(),
            "limits": agreement.limits.all(),
            "clauses": agreement.clauses.all(),
            "can_change": can_change,
            "can_new_version": agreement.is_locked and can(request.user, agreement, "change"),
            "can_agree": party is not None and not agreement.is_locked and not agreement.agreed_at(party),
            "crumbs": _crumbs(),
        },
    )


def agreement_edit(request, pk):
    agreement = get_object_for(request.user, ManagementAgreement.objects.select_related("almo"), "change", pk=pk)
    if agreement.is_locked:
        messages.error(request, "This version is agreed and cannot change. Start a new version to change it.")
        return HttpResponseRedirect(agreement.get_absolute_url())
    form = AgreementForm(request.POST or None, request.FILES or None, instance=agreement)
    if request.method == "POST" and form.is_valid():
        try:
            services.agreement_update(actor=request.user, agreement=agreement, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "The draft is saved.")
            return HttpResponseRedirect(agreement.get_absolute_url())
    return form_page(
        request,
        form,
        title="Change the agreement's terms",
        caption=str(agreement),
        button="Save the changes",
        back=agreement.get_absolute_url(),
        crumbs=_crumbs(agreement),
        files=True,
    )


@require_POST
def agreement_agree(request, pk):
    agreement = get_object_for(request.user, ManagementAgreement, "agree", pk=pk)
    try:
        agreement = services.agreement_agree(actor=request.user, agreement=agreement)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        if agreement.agreed_by_both:
            messages.success(request, "Both parties have agreed. This version is now in force.")
        else:
            messages.success(request, "Your agreement is recorded. The other party must agree it too.")
    return HttpResponseRedirect(agreement.get_absolute_url())


@require_POST
def agreement_new_version(request, pk):
    agreement = get_object_for(request.user, ManagementAgreement, "change", pk=pk)
    try:
        draft = services.agreement_new_version(actor=request.user, agreement=agreement)
    except ValidationError as error:
        flash_errors(request, error)
        return HttpResponseRedirect(agreement.get_absolute_url())
    messages.success(request, "A new draft version is ready to change. Both parties must agree it.")
    return HttpResponseRedirect(draft.get_absolute_url())


def agreement_document(request, pk):
    agreement = get_object_for(request.user, ManagementAgreement.objects.select_related("almo"), pk=pk)
    if not agreement.document:
        raise Http404("This agreement has no document.")
    name = agreement.document_name or f"{agreement.almo.name} management agreement version {agreement.version}.pdf"
    return attachment_response(agreement.document, download_name=name, user=request.user, what=f"agreement {pk}")


def _part_kind(kind: str):
    if kind not in PART_FORMS:
        raise Http404("There is no such part of an agreement.")
    return PART_FORMS[kind]


def part_form(request, pk, kind, part_pk=None):
    """Add (or, with `part_pk`, change) a delegated function, financial limit or clause of a draft."""
    form_class, noun = _part_kind(kind)
    agreement = get_object_for(request.user, ManagementAgreement.objects.select_related("almo"), "change", pk=pk)
    part = None
    if part_pk is not None:
        part = get_object_for(request.user, services.PARTS[kind], "change", pk=part_pk, agreement=agreement)
    if agreement.is_locked:
        messages.error(request, "This version is agreed and cannot change. Start a new version to change it.")
        return HttpResponseRedirect(agreement.get_absolute_url())
    form = form_class(request.POST or None, instance=part)
    if request.method == "POST" and form.is_valid():
        try:
            services.part_save(actor=request.user, agreement=agreement, kind=kind, part=part, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, f"The {noun} is saved.")
            return HttpResponseRedirect(f"{agreement.get_absolute_url()}#{kind}")
    return form_page(
        request,
        form,
        title=f"{'Change the' if part else 'Add a'} {noun}",
        caption=str(agreement),
        button=f"Save the {noun}",
        back=agreement.get_absolute_url(),
        crumbs=_crumbs(agreement),
    )


@require_POST
def part_remove(request, pk, kind, part_pk):
    _form_class, noun = _part_kind(kind)
    agreement = get_object_for(request.user, ManagementAgreement, "change", pk=pk)
    part = get_object_for(request.user, services.PARTS[kind], "change", pk=part_pk, agreement=agreement)
    try:
        services.part_remove(actor=request.user, agreement=agreement, kind=kind, part=part)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, f"The {noun} is removed.")
    return HttpResponseRedirect(f"{agreement.get_absolute_url()}#{kind}")
