"""What the agreements pages share: the one form page, and the ALMOs a person acts for."""

from django.shortcuts import render

from organisations.access import acting_party
from organisations.models import Almo


def form_page(request, form, *, title: str, caption: str, button: str, back: str, crumbs=(), files: bool = False):
    """A page with one form on it; 400 when the form came back with errors."""
    return render(
        request,
        "agreements/form.html",
        {
            "form": form,
            "title": title,
            "caption": caption,
            "button": button,
            "back": back,
            "crumbs": list(crumbs),
            "files": files,
        },
        status=400 if form.errors else 200,
    )


def almos_acted_for(user) -> list[Almo]:
    """The ALMOs whose records the person changes, as their staff or their council's officers."""
    return [almo for almo in Almo.objects.restrict(user).select_related("council") if acting_party(user, almo)]
