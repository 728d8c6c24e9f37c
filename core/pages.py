"""Helpers for the portal's function views."""

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404

PAGE_SIZE = 50


def paginate(request, queryset, per_page: int = PAGE_SIZE) -> dict:
    """The page `?page=` asks for, as template context: `object_list`, `page_obj` and `is_paginated`.

    A page number that is not a number, or past the end, is a 404, as it is for Django's list views.
    """
    paginator = Paginator(queryset, per_page)
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except InvalidPage as error:
        raise Http404("There is no such page.") from error
    return {"object_list": page.object_list, "page_obj": page, "is_paginated": page.has_other_pages()}
