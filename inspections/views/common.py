"""What the inspection pages share: finding an ALMO through the access rule, and answering a bad form."""

from django.shortcuts import render

from organisations.access import Party, acting_party, get_object_for
from organisations.models import Almo


def almo_for(request, pk: int):
    """The ALMO, if the person may see it; a 404 otherwise, whether it exists or not."""
    return get_object_for(request.user, Almo.objects.select_related("council"), pk=pk)


def almo_from_query(request):
    """`?almo=<id>` narrowed to an ALMO the person may see; None when not given. A 404 for any other value."""
    value = request.GET.get("almo") or ""
    if not value:
        return None
    if not value.isdigit():
        return almo_for(request, 0)
    return almo_for(request, int(value))


def form_page(request, template: str, context: dict):
    """Render a page with a form: 400 when the form has errors, so a failed post never looks like success."""
    form = context.get("form")
    return render(request, template, context, status=400 if form is not None and form.errors else 200)


def own_almo(user):
    """The one ALMO whose staff the person is, so its lists offer to add to it without being asked which."""
    almos = [almo for almo in Almo.objects.restrict(user) if acting_party(user, almo) == Party.ALMO]
    return almos[0] if len(almos) == 1 else None
