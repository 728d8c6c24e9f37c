"""Page-number pagination with a cap. Asking for more than the cap is an error, not a silent trim.

As for every list parameter (see `filters.py`), an empty `page` or `page_size` is the same as leaving it out.
"""

import re

from django.core.paginator import InvalidPage
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination

MAX_PAGE_SIZE = 200
DIGITS = re.compile(r"[0-9]+")


def _number(digits: str) -> int:
    # Python refuses to read an integer of thousands of digits; any number this long is past every page anyway.
    return int(digits) if len(digits) <= 20 else 10**20


class PortalPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    # DRF also reads `page=last`; the schema says a page is a number, so that is all a page is.
    last_page_strings = ()

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if not raw:
            return self.page_size
        if not DIGITS.fullmatch(raw) or _number(raw) < 1:
            raise ValidationError(
                {"page_size": [f"Enter the page size as a whole number from 1 to {self.max_page_size}."]}
            )
        if _number(raw) > self.max_page_size:
            raise ValidationError(
                {
                    "page_size": [
                        f"The page size can be at most {self.max_page_size}. Ask for {self.max_page_size} or fewer "
                        "and follow the 'next' links."
                    ]
                }
            )
        return int(raw)

    def get_page_number(self, request, paginator):
        raw = request.query_params.get(self.page_query_param)
        if not raw:
            return 1
        if not DIGITS.fullmatch(raw) or _number(raw) < 1:
            raise ValidationError({"page": ["Enter the page as a whole number, from 1."]})
        return _number(raw)

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        paginator = self.django_paginator_class(queryset, self.get_page_size(request))
        page_number = self.get_page_number(request, paginator)
        try:
            self.page = paginator.page(page_number)
        except InvalidPage as error:
            raise NotFound(f"There is no page {page_number}: the last is page {paginator.num_pages}.") from error
        return list(self.page)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["allowEmptyValue"] = True
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update({"minimum": 1, "maximum": self.max_page_size})
                parameter["description"] = f"Results per page: 1 to {self.max_page_size}, 50 if left out or empty."
            elif parameter["name"] == self.page_query_param:
                parameter["schema"]["minimum"] = 1
                parameter["description"] = "A page number, from 1; the first page if left out or empty."
        return parameters
