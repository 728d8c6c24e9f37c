"""Shared access checks that every scoped page runs, in the NetBox manner.

A test class mixes in `ScopedPageChecks` and provides:
- fixtures `record` (belongs to the `almo` fixture) and `other_record` (belongs to `other_almo`);
- `detail_url(record)`, and `list_url` (or None when the record has no list page);
- `row_text(record)`: text that identifies the record in a list;
- optionally `write_request(record)` returning `(url, data)`: a POST that ALMO staff or council
  officers may make and a board member may not. Without it, the check is that the page offers a
  board member no form to change anything.
"""

import re

from django.urls import reverse

SIGN_IN = reverse("login")
# The header's sign-out form and the organisation switcher are on every page; anything else is a write.
CHROME_FORMS = (reverse("logout"), reverse("organisations:switch_organisation"))


def _write_forms(html: str) -> list[str]:
    """The actions of the page's POST forms, leaving out the header's own."""
    actions = []
    for tag in re.findall(r"<form\b[^>]*>", html, flags=re.I):
        if re.search(r'method="post"', tag, flags=re.I):
            action = re.search(r'action="([^"]*)"', tag)
            actions.append(action.group(1) if action else "")
    return [action for action in actions if action not in CHROME_FORMS]


class ScopedPageChecks:
    list_url: str | None = None

    def detail_url(self, record) -> str:
        return record.get_absolute_url()

    def row_text(self, record) -> str:
        return str(record)

    def write_request(self, record):
        return None

    def test_anonymous_is_sent_to_sign_in(self, client, record):
        url = self.detail_url(record)
        response = client.get(url)
        assert response.status_code == 302
        assert response.url == f"{SIGN_IN}?next={url}"

    def test_people_of_the_almo_and_its_council_can_read(
        self, client, record, almo_staff, council_officer, board_member
    ):
        for user in (almo_staff, council_officer, board_member):
            client.force_login(user)
            assert client.get(self.detail_url(record)).status_code == 200, user.username

    def test_user_of_another_almo_gets_404(self, client, record, sibling_staff, other_staff, other_council_officer):
        for user in (sibling_staff, other_staff, other_council_officer):
            client.force_login(user)
            assert client.get(self.detail_url(record)).status_code == 404, user.username

    def test_board_member_cannot_write(self, client, record, board_member):
        client.force_login(board_member)
        write = self.write_request(record)
        if write is None:
            page = client.get(self.detail_url(record)).content.decode()
            assert _write_forms(page) == []
            return
        url, data = write
        before = type(record).history.filter(id=record.pk).count() if hasattr(type(record), "history") else None
        response = client.post(url, data)
        assert response.status_code in (403, 404)
        if before is not None:
            assert type(record).history.filter(id=record.pk).count() == before

    def test_list_shows_only_permitted_rows(self, client, record, other_record, almo_staff):
        if self.list_url is None:
            return
        client.force_login(almo_staff)
        page = client.get(self.list_url).content.decode()
        assert self.row_text(record) in page
        assert self.row_text(other_record) not in page
