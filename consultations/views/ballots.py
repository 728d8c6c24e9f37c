"""Pages for running a ballot: set it up, import the register, make letters, open; the overseer's close,
verify and publish; the sealed result and turnout once it may be shown."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from consultations import selectors, services
from consultations.forms.ballots import BallotForm, RegisterForm, ReissueForm
from consultations.models import Ballot, Consultation, LetterBatch, Tenancy
from core.forms import attach_errors, flash_errors
from core.pages import paginate
from core.uploads import attachment_response
from organisations.access import can, get_object_for

BALLOT_RELATED = ("consultation__almo__council", "overseer__user", "overseer__council", "overseer__almo")


def _form_page(request, template, context, form):
    return render(request, template, {**context, "form": form}, status=400 if form.errors else 200)


def ballot_create(request, pk):
    consultation = get_object_for(request.user, Consultation.objects.select_related("almo"), "change", pk=pk)
    overseers = services.overseer_choices(consultation.almo)
    form = BallotForm(request.POST or None, overseers=overseers, initial={"question": consultation.subject})
    if request.method == "POST" and form.is_valid():
        try:
            ballot = services.ballot_create(actor=request.user, consultation=consultation, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "The ballot is set up. Import the register of eligible tenancies next.")
            return HttpResponseRedirect(ballot.get_absolute_url())
    context = {"consultation": consultation, "title": "Set up the ballot"}
    return _form_page(request, "consultations/ballot_form.html", context, form)


def ballot_edit(request, pk):
    ballot = get_object_for(request.user, Ballot.objects.select_related(*BALLOT_RELATED), "change", pk=pk)
    overseers = services.overseer_choices(ballot.consultation.almo)
    initial = {name: getattr(ballot, name) for name in ("question", "opens_on", "closes_on", "overseer")}
    form = BallotForm(request.POST or None, overseers=overseers, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.ballot_update(actor=request.user, ballot=ballot, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "The ballot's details are saved.")
            return HttpResponseRedirect(ballot.get_absolute_url())
    context = {"consultation": ballot.consultation, "ballot": ballot, "title": "Change the ballot"}
    return _form_page(request, "consultations/ballot_form.html", context, form)


def ballot_detail(request, pk):
    ballot = get_object_for(request.user, Ballot.objects.select_related(*BALLOT_RELATED), pk=pk)
    user = request.user
    oversees = Ballot.objects.overseen_by(user).filter(pk=ballot.pk).exists()
    shows_result = selectors.may_see_result(ballot, user)
    manages = can(user, ballot, "manage_register")
    context = {
        "ballot": ballot,
        "consultation": ballot.consultation,
        "options": ballot.consultation.options.all(),
        "turnout": selectors.turnout(ballot),
        "turnout_percent": selectors.turnout_percent(selectors.turnout(ballot), ballot.eligible_count),
        "tenancy_count": Tenancy.objects.filter(ballot=ballot).count() if manages else None,
        "batches": LetterBatch.objects.filter(ballot=ballot).select_related("tenancy", "requested_by", "downloaded_by")
        if manages
        else [],
        "can_change": can(user, ballot, "change"),
        "manages": manages,
        "oversees": oversees,
        "results": selectors.result_rows(ballot) if shows_result else [],
        "breakdown": selectors.turnout_breakdown(ballot) if shows_result else {},
        "voting_url": request.build_absolute_uri(ballot.get_voting_url()),
    }
    return render(request, "consultations/ballot_detail.html", context)


def register_import(request, pk):
    ballot = get_object_for(request.user, Ballot.objects.select_related(*BALLOT_RELATED), "manage_register", pk=pk)
    form = RegisterForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            added = services.tenancies_import(
                actor=request.user, ballot=ballot, name=upload.name, content=upload.read()
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, f"{added:,} tenancies are added to the register.")
            return HttpResponseRedirect(ballot.get_absolute_url())
    return _form_page(request, "consultations/register_form.html", {"ballot": ballot}, form)


def tenancy_list(request, pk):
    ballot = get_object_for(request.user, Ballot.objects.select_related(*BALLOT_RELATED), "manage_register", pk=pk)
    tenancies = Tenancy.objects.restrict(request.user, "manage_register").filter(ballot=ballot).order_by("reference")
    query = request.GET.get("q", "").strip()[:40]
    if query:
        tenancies = tenancies.filter(reference__icontains=query)
    context = {"ballot": ballot, "query": query, **paginate(request, tenancies)}
    return render(request, "consultations/tenancy_list.html", context)


def code_reissue(request, pk):
    tenancy = get_object_for(
        request.user, Tenancy.objects.select_related("ballot__consultation__almo"), "manage_register", pk=pk
    )
    form = ReissueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.code_reissue(actor=request.user, tenancy=tenancy, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, f"The old code for {tenancy} no longer works. A new letter is being made.")
            return HttpResponseRedirect(tenancy.ballot.get_absolute_url())
    return _form_page(request, "consultations/reissue_form.html", {"tenancy": tenancy, "ballot": tenancy.ballot}, form)


@require_POST
def letters_request(request, pk):
    ballot = get_object_for(request.user, Ballot, "print_letters", pk=pk)
    try:
        services.letters_request(actor=request.user, ballot=ballot)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, "The letters are being made. Refresh this page in a minute to download them.")
    return HttpResponseRedirect(ballot.get_absolute_url())


@require_POST
def letters_download(request, pk):
    """A POST, so nothing (a link preview, a prefetch) can use up the one download by accident."""
    batch = get_object_for(request.user, LetterBatch.objects.select_related("ballot"), "print_letters", pk=pk)
    try:
        opened = services.letters_take(actor=request.user, batch=batch)
    except ValidationError as error:
        flash_errors(request, error)
        return HttpResponseRedirect(batch.ballot.get_absolute_url())
    return attachment_response(
        opened, download_name=f"voting-code-letters-{batch.pk}.pdf", user=request.user, what=f"letters {batch.pk}"
    )


OVERSEER_ACTIONS = {
    "open": (services.ballot_open, "The ballot is open. Tenants can vote until the end of its last day."),
    "close": (services.ballot_close, "The ballot is closed and its count sealed. Verify it next."),
    "verify": (services.ballot_verify, None),
    "publish": (services.ballot_publish, "The result is published."),
}


@require_POST
def ballot_action(request, pk, action):
    """Open (the council); close, verify and publish (the overseer). Each service checks who may."""
    if action not in OVERSEER_ACTIONS:
        raise Http404("There is no such page.")
    ballot = get_object_for(request.user, Ballot, pk=pk)
    service, done = OVERSEER_ACTIONS[action]
    try:
        found = service(actor=request.user, ballot=ballot)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        if action == "verify":
            (messages.success if found.ok else messages.error)(request, found.message)
        else:
            messages.success(request, done)
    return HttpResponseRedirect(reverse("consultations:ballot_detail", args=[ballot.pk]))


def result_report(request, pk):
    ballot = get_object_for(request.user, Ballot, pk=pk)
    if ballot.status != Ballot.Status.PUBLISHED or not ballot.result_report:
        raise Http404("The result report is not ready.")
    return attachment_response(
        ballot.result_report, download_name=f"ballot-result-{ballot.pk}.pdf", user=request.user, what="ballot result"
    )
