"""Pages whose body is kept, as HTML, until the data changes: dashboards and benchmarking, read all day.

A kept answer is shared by everyone with the same access (the organisations the access rule gives them) and the same
address, filters included; or kept for one person where it lists what they own. It is keyed on the data token of
core/freshness.py, so the first look after any write works the page out afresh.
"""

from __future__ import annotations

from dataclasses import astuple

from django.shortcuts import render
from django.template.loader import render_to_string

from core import clock, freshness
from organisations.access import access_for


def access_key(user) -> tuple:
    """What a person's reads depend on besides the data: the organisations the access rule gives them."""
    return (user.is_superuser, *(tuple(sorted(part)) for part in astuple(access_for(user))))


def cached_for(user, name: str, parts: tuple, compute):
    """A read made through `user`'s access, kept until the data changes."""
    return freshness.cached(name, (access_key(user), *parts), compute)


def render_cached_body(request, template: str, parts: tuple, build, page: dict, *, personal: bool = False):
    """The page `template`: its body (`<template>_body.html`) drawn from `build()`'s context and kept until the
    data changes; the page around it (header, navigation, breadcrumbs) drawn for every request from `page`.

    `build()` gives the body's context, with its `form` (a 400 when the filters are wrong) and `period_label` (for
    the page title).
    """

    def body() -> tuple[str, str, int]:
        context = {**page, **build(), "request": request}
        status = 400 if context["form"].errors else 200
        return render_to_string(f"{template}_body.html", context), context.get("period_label", ""), status

    key = (request.get_full_path(), clock.today(), request.user.pk if personal else None, *parts)
    html, label, status = cached_for(request.user, template, key, body)
    return render(request, f"{template}.html", {**page, "body": html, "period_label": label}, status=status)
