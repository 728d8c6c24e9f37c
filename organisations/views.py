import datetime as dt
from decimal import Decimal

from django.apps import apps
from django.contrib import messages
from django.db.models import Count, Q, Sum
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from core.numbers import format_exact
from core.pages import paginate
from organisations.access import Role, ScopedQuerySet, get_object_for
from organisations.dashboard import panels_for
from organisations.middleware import SESSION_KEY
from organisations.models import Almo, Board, BoardMember, Council, DeclaredInterest


def home(request):
    membership = request.membership
    almos = Almo.objects.restrict(request.user).select_related("council")
    if membership and membership.role == Role.BOARD_MEMBER:
        # Acting as a board member, "Your board" is that board's ALMO, whatever else another membership shows.
        almos = almos.filter(pk=membership.almo_id)
    councils = Council.objects.restrict(request.user).annotate(almo_count=Count("almos"))
    context = {
        "panels": panels_for(request),
        "almos": almos,
        "councils": councils if (request.user.is_superuser or (membership and membership.council_id)) else [],
        "role": membership.role if membership else None,
        "Role": Role,
    }
    return render(request, "organisations/home.html", context)


def council_list(request):
    # Count only the ALMOs this person may see: an ALMO's staff see their council, not its other ALMOs.
    visible = Q(almos__in=Almo.objects.restrict(request.user).values("pk"))
    councils = (
        Council.objects.restrict(request.user)
        .annotate(
            almo_count=Count("almos", filter=visible, distinct=True), homes=Sum("almos__homes_managed", filter=visible)
        )
        .order_by("name")
    )
    return render(request, "organisations/council_list.html", paginate(request, councils))


def council_detail(request, slug):
    council = get_object_for(request.user, Council, slug=slug)
    almos = Almo.objects.restrict(request.user).filter(council=council)
    return render(request, "organisations/council_detail.html", {"council": council, "object": council, "almos": almos})


def almo_list(request):
    almos = Almo.objects.restrict(request.user).select_related("council")
    return render(request, "organisations/almo_list.html", paginate(request, almos))


def almo_detail(request, slug):
    almo = get_object_for(request.user, Almo.objects.select_related("council", "board"), slug=slug)
    return render(request, "organisations/almo_detail.html", {"almo": almo, "object": almo})


def board_list(request):
    today = timezone.localdate()
    serving = Q(members__term_start__lte=today) & (Q(members__term_end__isnull=True) | Q(members__term_end__gte=today))
    boards = (
        Board.objects.restrict(request.user)
        .select_related("almo")
        .annotate(serving=Count("members", filter=serving))
        .order_by("almo__name")
    )
    return render(request, "organisations/board_list.html", paginate(request, boards))


def board_detail(request, slug):
    board = get_object_for(request.user, Board.objects.select_related("almo"), almo__slug=slug)
    today = timezone.localdate()
    members = BoardMember.objects.restrict(request.user).filter(board=board)
    context = {
        "board": board,
        "object": board,
        "serving": members.serving_on(today).annotate(
            open_interests=Count("interests", filter=Q(interests__ended_on__isnull=True))
        ),
        "past": members.filter(term_end__lt=today),
    }
    return render(request, "organisations/board_detail.html", context)


def interest_register(request, slug):
    """The board's register of declared interests, current and past."""
    board = get_object_for(request.user, Board.objects.select_related("almo"), almo__slug=slug)
    interests = (
        DeclaredInterest.objects.restrict(request.user)
        .filter(board_member__board=board)
        .select_related("board_member")
        .order_by("board_member__name", "-declared_on")
    )
    return render(
        request, "organisations/interest_register.html", {"board": board, "object": board, "interests": interests}
    )


def record_history(request, app_label, model_name, pk):
    """Every saved version of one record: who changed what, and when."""
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError as error:
        raise Http404("No such record type.") from error
    if not isinstance(model.objects.all(), ScopedQuerySet) or not hasattr(model, "history"):
        raise Http404("No such record type.")
    obj = get_object_for(request.user, model, pk=pk)
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id"))
    deltas = [
        (newer, newer.diff_against(older).changes if older is not None else [])
        for newer, older in zip(records, [*records[1:], None], strict=False)
    ]
    names = _related_names(model, [change for _, changes in deltas for change in changes])
    versions = []
    for newer, changes in deltas:
        shown = []
        for change in changes:
            field = model._meta.get_field(change.field)
            shown.append(
                {
                    "field": getattr(field, "verbose_name", change.field).capitalize(),
                    "old": _display(field, change.old, names),
                    "new": _display(field, change.new, names),
                }
            )
        versions.append({"record": newer, "changes": shown})
    return render(
        request,
        "organisations/history.html",
        {"object": obj, "versions": versions, "verbose_name": model._meta.verbose_name},
    )


def _related_names(model, changes) -> dict:
    """Names for the people and records that changed fields point to, one query per kind of record.

    A history keeps ids; "Accepted by 1" means nothing to a reader, "Accepted by Priya Shah" does.
    """
    wanted: dict = {}
    for change in changes:
        field = model._meta.get_field(change.field)
        if field.is_relation and field.many_to_one:
            wanted.setdefault(field.related_model, set()).update(v for v in (change.old, change.new) if v is not None)
    names = {}
    for related, ids in wanted.items():
        for record in related._default_manager.filter(pk__in=ids):
            full_name = getattr(record, "get_full_name", None)
            names[(related, record.pk)] = (full_name() if full_name else "") or str(record)
    return names


def _display(field, value, names: dict):
    if value in (None, ""):
        return "(empty)"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value) or "(empty)"
    if field.is_relation and field.many_to_one:
        return names.get((field.related_model, value), "a record that has since been deleted")
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, dt.datetime):
        return dateformat.format(timezone.localtime(value), "j F Y \\a\\t H:i")
    if isinstance(value, dt.date):
        return dateformat.format(value, "j F Y")
    if isinstance(value, Decimal):
        return format_exact(value)
    choices = dict(getattr(field, "flatchoices", []) or [])
    return choices.get(value, value)


@require_POST
def switch_organisation(request):
    chosen = request.POST.get("membership", "")
    membership = request.user.memberships.filter(is_active=True, pk=int(chosen)).first() if chosen.isdigit() else None
    if membership is None:
        messages.error(request, "Choose one of your organisations.")
    else:
        request.session[SESSION_KEY] = membership.pk
        messages.success(
            request,
            f"You are now working as {membership.role_phrase} at {membership.organisation}.",
        )
    next_url = request.POST.get("next") or reverse("home")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = reverse("home")
    return HttpResponseRedirect(next_url)
