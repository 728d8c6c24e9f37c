"""Pages where each person creates, reviews and revokes their own API tokens."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from api_access import services
from api_access.forms import TokenForm
from api_access.models import ApiToken
from core.forms import attach_errors
from organisations.access import acts_for_a_party, get_object_for

RECENT_REQUESTS = 25


def _crumbs(*extra):
    return [("API tokens", reverse("api_access:token_list")), *extra]


def _for_party_members(view):
    """Token pages are for people who act for a council or an ALMO; for anyone else they do not exist."""

    @wraps(view)
    def checked(request, *args, **kwargs):
        if not acts_for_a_party(request.user):
            raise Http404("API tokens are for council officers and ALMO staff.")
        return view(request, *args, **kwargs)

    return checked


@_for_party_members
def token_list(request):
    tokens = ApiToken.objects.restrict(request.user)
    return render(
        request,
        "api_access/token_list.html",
        {"tokens": tokens, "crumbs": [("API tokens", "")], "docs_url": reverse("api:docs")},
    )


@never_cache
@_for_party_members
def token_create(request):
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            token, secret = services.token_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            # Shown on this response only and never stored: not redirected, so it is not kept in the session.
            return render(
                request,
                "api_access/token_created.html",
                {
                    "token": token,
                    "secret": secret,
                    "crumbs": _crumbs((token.name, "")),
                    "docs_url": reverse("api:docs"),
                },
            )
    return render(
        request,
        "api_access/token_form.html",
        {"form": form, "crumbs": _crumbs(("Create a token", ""))},
        status=400 if form.errors else 200,
    )


def token_detail(request, pk):
    token = get_object_for(request.user, ApiToken, pk=pk)
    recent = token.requests.all()[:RECENT_REQUESTS]
    return render(
        request,
        "api_access/token_detail.html",
        {"token": token, "recent": recent, "crumbs": _crumbs((token.name, ""))},
    )


def token_revoke(request, pk):
    token = get_object_for(request.user, ApiToken, "change", pk=pk)
    if request.method == "POST":
        services.token_revoke(actor=request.user, token=token)
        messages.success(request, f"The token '{token.name}' is revoked. Anything still using it will be refused.")
        return HttpResponseRedirect(reverse("api_access:token_list"))
    return render(
        request,
        "api_access/token_revoke.html",
        {
            "token": token,
            "crumbs": _crumbs((token.name, reverse("api_access:token_detail", args=[token.pk])), ("Revoke", "")),
        },
    )
