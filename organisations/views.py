from django.apps import apps
from django.contrib import messages
from django.db.models import Count, Q, Sum
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, ListView

from organisations.access import Role, ScopedQuerySet, get_object_for
from organisations.dashboard import panels_for
from organisations.middleware import SESSION_KEY
from organisations.models import Almo, Board, BoardMember, Council, DeclaredInterest


class ScopedListView(ListView):
    """A list of the rows the user may see; subclasses add joins, never organisation filters."""

    paginate_by = 50

    def get_queryset(self):
        return self.model.objects.restrict(self.request.user, "view")


class ScopedDetailView(DetailView):
    """One object the user may see, or 404 whether it is missing or forbidden."""

    lookup_field = "slug"

    def get_base_queryset(self):
        return self.model.objects.all()

    def get_object(self, queryset=None):
        return get_object_for(
            self.request.user, self.get_base_queryset(), **{self.lookup_field: self.kwargs[self.lookup_field]}
        )


def home(request):
    membership = request.membership
    almos = Almo.objects.restrict(request.user).select_related("council")
    councils = Council.objects.restrict(request.user).annotate(almo_count=Count("almos"))
    context = {
        "panels": panels_for(request),
        "almos": almos,
        "councils": councils if (request.user.is_superuser or (membership and membership.council_id)) else [],
        "role": membership.role if membership else None,
        "Role": Role,
    }
    return render(request, "organisations/home.html", context)


class CouncilListView(ScopedListView):
    model = Council

    def get_queryset(self):
        # Count only the ALMOs this person may see: an ALMO's staff see their council, not its other ALMOs.
        visible = Q(almos__in=Almo.objects.restrict(self.request.user).values("pk"))
        return (
            super()
            .get_queryset()
            .annotate(
                almo_count=Count("almos", filter=visible, distinct=True),
                homes=Sum("almos__homes_managed", filter=visible),
            )
            .order_by("name")
        )


class CouncilDetailView(ScopedDetailView):
    model = Council

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["almos"] = Almo.objects.restrict(self.request.user).filter(council=self.object)
        return context


class AlmoListView(ScopedListView):
    model = Almo

    def get_queryset(self):
        return super().get_queryset().select_related("council")


class AlmoDetailView(ScopedDetailView):
    model = Almo

    def get_base_queryset(self):
        return Almo.objects.select_related("council", "board")


class BoardListView(ScopedListView):
    model = Board

    def get_queryset(self):
        today = timezone.localdate()
        serving = Q(members__term_start__lte=today) & (
            Q(members__term_end__isnull=True) | Q(members__term_end__gte=today)
        )
        return (
            super()
            .get_queryset()
            .select_related("almo")
            .annotate(serving=Count("members", filter=serving))
            .order_by("almo__name")
        )


class BoardDetailView(ScopedDetailView):
    model = Board
    lookup_field = "slug"

    def get_object(self, queryset=None):
        return get_object_for(self.request.user, Board.objects.select_related("almo"), almo__slug=self.kwargs["slug"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        members = BoardMember.objects.restrict(self.request.user).filter(board=self.object)
        context["serving"] = members.serving_on(today).annotate(
            open_interests=Count("interests", filter=Q(interests__ended_on__isnull=True))
        )
        context["past"] = members.filter(term_end__lt=today)
        return context


class InterestRegisterView(ScopedDetailView):
    """The board's register of declared interests, current and past."""

    model = Board
    template_name = "organisations/interest_register.html"

    def get_object(self, queryset=None):
        return get_object_for(self.request.user, Board.objects.select_related("almo"), almo__slug=self.kwargs["slug"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        interests = DeclaredInterest.objects.restrict(self.request.user).filter(board_member__board=self.object)
        context["interests"] = interests.select_related("board_member").order_by("board_member__name", "-declared_on")
        return context


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
    versions = []
    for newer, older in zip(records, [*records[1:], None], strict=False):
        changes = []
        if older is not None:
            delta = newer.diff_against(older)
            for change in delta.changes:
                field = model._meta.get_field(change.field)
                changes.append(
                    {
                        "field": getattr(field, "verbose_name", change.field).capitalize(),
                        "old": _display(field, change.old),
                        "new": _display(field, change.new),
                    }
                )
        versions.append({"record": newer, "changes": changes})
    return render(
        request,
        "organisations/history.html",
        {"object": obj, "versions": versions, "verbose_name": model._meta.verbose_name},
    )


def _display(field, value):
    if value in (None, ""):
        return "(empty)"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value) or "(empty)"
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
