"""Tenant voice pages: function views, one module per subdomain. Helpers they share are here."""

from __future__ import annotations

from django.http import Http404

from organisations.access import Party, acting_party
from organisations.models import Almo


def staff_almos(user) -> list[Almo]:
    """The ALMOs the user works for as staff: only they record surveys and involvement."""
    return [almo for almo in Almo.objects.restrict(user).order_by("name") if acting_party(user, almo) == Party.ALMO]


def chosen_almo(request) -> Almo:
    """The ALMO a new record is for: the person's own, or the one `?almo=<slug>` names among theirs; else a 404."""
    almos = staff_almos(request.user)
    wanted = request.GET.get("almo")
    almo = next((a for a in almos if a.slug == wanted), None) if wanted else (almos[0] if almos else None)
    if almo is None:
        raise Http404("No such page.")
    return almo


def status_for(form) -> int:
    return 400 if form.errors else 200
