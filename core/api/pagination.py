"""Page-number pagination with a cap. Asking for more than the cap is an error, not a silent trim."""

from django.core.paginator import InvalidPage
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination

MAX_PAGE_SIZE = 200


class PortalPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not (raw.isascii() and raw.strip().isdigit()) or int(raw) < 1:
            raise ValidationError(
                {"page_size": [f"Enter the page size as a whole number from 1 to {self.max_page_size}."]}
            )
        if int(raw) > self.max_page_size:
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
        if raw is None or raw in self.last_page_strings:
            return paginator.num_pages if raw else 1
        if not (raw.isascii() and raw.strip().isdigit()) or int(raw) < 1:
            raise ValidationError({"page": ["Enter the page as a whole number, from 1."]})
        return int(raw)

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
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update({"minimum": 1, "maximum": self.max_page_size})
                parameter["description"] = f"Results per page: 1 to {self.max_page_size}, 50 if left out."
            elif parameter["name"] == self.page_query_param:
                parameter["schema"]["minimum"] = 1
        return parameters
