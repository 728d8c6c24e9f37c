"""Shared access checks that every scoped API resource runs, in the NetBox manner (the API twin of tests/access.py).

A test class mixes in `ScopedApiChecks` and provides:
- `basename`: the router name, so the URLs are `api:<basename>-list` and `api:<basename>-detail`;
- fixtures `record` (belongs to the `almo` fixture) and `other_record` (belongs to `other_almo`);
- `add_rows(almo, count)`: make `count` more records the `count_as` user sees in the list;
- optionally `list_params(almo)`: query parameters narrowing the list to the rows `add_rows` makes;
- optionally `write_request(record)` returning `(url, data)`: a POST that ALMO staff or council officers may make
  and a board member may not. Without one, the resource is read only and any write is refused;
- optionally `strangers`: fixtures for people who must get a 404 on `record`.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.api.records import bearer


class ScopedApiChecks:
    basename: str
    strangers = ("sibling_staff", "other_staff", "other_council_officer")
    readers = ("almo_staff", "council_officer", "board_member")
    count_as = "council_officer"

    def list_url(self) -> str:
        return reverse(f"api:{self.basename}-list")

    def detail_url(self, record) -> str:
        return reverse(f"api:{self.basename}-detail", args=[record.pk])

    def list_params(self, almo) -> dict:
        return {}

    def write_request(self, record):
        return None

    def add_rows(self, almo, count: int) -> None:
        raise NotImplementedError

    def test_anonymous_is_refused_with_json(self, api, record):
        for url in (self.list_url(), self.detail_url(record)):
            response = api.get(url)
            assert response.status_code == 401, url
            assert response["WWW-Authenticate"].startswith("Bearer")
            assert "API token" in response.json()["detail"]

    def test_people_of_the_almo_and_its_council_can_read(self, api, record, request):
        for name in self.readers:
            api.force_authenticate(request.getfixturevalue(name))
            response = api.get(self.detail_url(record))
            assert response.status_code == 200, name
            assert response.json()["id"] == record.pk

    def test_people_elsewhere_get_404(self, api, record, request):
        for name in self.strangers:
            api.force_authenticate(request.getfixturevalue(name))
            assert api.get(self.detail_url(record)).status_code == 404, name

    def test_board_member_cannot_write(self, api, record, board_member):
        api.force_authenticate(board_member)
        history = type(record).history.filter(id=record.pk).count() if hasattr(type(record), "history") else None
        write = self.write_request(record)
        if write is None:
            assert api.post(self.list_url(), {}).status_code in (403, 405)
            assert api.patch(self.detail_url(record), {}).status_code in (403, 405)
            assert api.delete(self.detail_url(record)).status_code in (403, 405)
        else:
            url, data = write
            response = api.post(url, data)
            assert response.status_code in (403, 404), response.content
            assert response.json()["detail"]
        if history is not None:
            assert type(record).history.filter(id=record.pk).count() == history

    def test_list_shows_only_permitted_rows(self, api, record, other_record, almo_staff):
        api.force_authenticate(almo_staff)
        ids = {row["id"] for row in api.get(self.list_url(), {"page_size": 200}).json()["results"]}
        assert record.pk in ids
        assert other_record.pk not in ids

    @pytest.mark.django_db
    def test_list_costs_the_same_queries_for_3_rows_as_for_30(self, client, almo, request):
        """With a real token, as a system calls: authentication, logging and the list together."""
        headers = bearer(request.getfixturevalue(self.count_as))
        params = {**self.list_params(almo), "page_size": 200}
        client.get(self.list_url(), params, **headers)  # the token's first use records it; later ones do not

        def measure():
            connection.queries_log.clear()  # a full log (it keeps 9,000) would count nothing
            with CaptureQueriesContext(connection) as queries:
                response = client.get(self.list_url(), params, **headers)
            assert response.status_code == 200, response.content
            return len(queries), response.json()["count"]

        self.add_rows(almo, 3)
        few_queries, few = measure()
        self.add_rows(almo, 27)
        many_queries, many = measure()
        assert many - few == 27
        assert few_queries > 0
        assert many_queries == few_queries, f"{few} rows took {few_queries} queries; {many} rows took {many_queries}"
