"""What the HRA pages share: the generic form page, breadcrumbs, and who may start what."""

from __future__ import annotations

from django.shortcuts import render

from organisations.models import Almo, Council


def crumbs(*pairs) -> list[tuple[str, str]]:
    """Breadcrumbs after Home: the HRA's front page first, then (label, url) pairs; the last has no link."""
    from django.urls import reverse

    return [("Housing Revenue Account", reverse("hra:index")), *pairs]


def form_page(
    request,
    form,
    *,
    title: str,
    caption: str = "",
    trail=(),
    submit: str = "Save",
    intro: str = "",
    back: str = "",
    upload: bool = False,
):
    """A page with one form on it; 400 when the form has errors, so tests and tools see the refusal."""
    context = {
        "form": form,
        "title": title,
        "caption": caption,
        "crumbs": crumbs(*trail, (title, "")),
        "submit": submit,
        "intro": intro,
        "back": back,
        "upload": upload,
    }
    return render(request, "hra/form.html", context, status=400 if form.errors else 200)


def councils_for_change(user):
    return Council.objects.restrict(user, "change")


def almos_for_change(user):
    """The ALMOs whose council the user works for: where a council officer sets allocations and programmes."""
    return Almo.objects.restrict(user, "change").order_by("name")
