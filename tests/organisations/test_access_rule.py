"""The one access rule, checked on the models it guards."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from organisations.access import Role, get_object_for
from organisations.models import Almo, BoardMember, Council, DeclaredInterest
from tests.factories import AlmoFactory, BoardMemberFactory, DeclaredInterestFactory, user_with_role

pytestmark = pytest.mark.django_db


def visible(model, user, action="view"):
    return set(model.objects.restrict(user, action).values_list("pk", flat=True))


def test_almo_staff_see_their_almo_only(almo, sibling_almo, other_almo, almo_staff):
    assert visible(Almo, almo_staff) == {almo.pk}


def test_council_officers_see_every_almo_of_their_council(almo, sibling_almo, other_almo, council_officer):
    assert visible(Almo, council_officer) == {almo.pk, sibling_almo.pk}


def test_board_members_read_but_never_change(almo, board_member):
    member = BoardMemberFactory(board=almo.board)
    assert visible(BoardMember, board_member) == {member.pk}
    assert visible(BoardMember, board_member, "change") == set()


def test_almo_staff_change_their_almo_records_and_council_officers_do_not(almo, almo_staff, council_officer):
    member = BoardMemberFactory(board=almo.board)
    assert visible(BoardMember, almo_staff, "change") == {member.pk}
    assert visible(BoardMember, council_officer, "change") == set()


def test_council_officers_change_what_the_council_owns(almo, council_officer, almo_staff):
    assert visible(Almo, council_officer, "change") == {almo.pk}
    assert visible(Almo, almo_staff, "change") == set()
    assert visible(Council, council_officer, "change") == {almo.council_id}
    assert visible(Council, almo_staff, "change") == set()


def test_almo_people_can_read_their_parent_council_but_not_others(almo, other_almo, almo_staff):
    assert visible(Council, almo_staff) == {almo.council_id}


def test_observers_read_only_what_they_are_granted(almo, sibling_almo, observer):
    interest = DeclaredInterestFactory(board_member__board=almo.board)
    DeclaredInterestFactory(board_member__board=sibling_almo.board)
    assert visible(Almo, observer) == {almo.pk}
    assert visible(DeclaredInterest, observer) == {interest.pk}
    assert visible(DeclaredInterest, observer, "change") == set()


def test_a_person_with_two_memberships_gets_both(almo, other_almo):
    user = user_with_role(Role.BOARD_MEMBER, almo)
    user.memberships.create(role=Role.ALMO_STAFF, almo=other_almo)
    assert visible(Almo, user) == {almo.pk, other_almo.pk}
    assert visible(BoardMember, user, "change") == set(
        BoardMember.objects.filter(board__almo=other_almo).values_list("pk", flat=True)
    )


def test_inactive_memberships_grant_nothing(almo, almo_staff):
    almo_staff.memberships.update(is_active=False)
    almo_staff.refresh_from_db()
    assert visible(Almo, almo_staff) == set()


def test_superusers_see_everything(almo, other_almo, superuser):
    assert visible(Almo, superuser) == {almo.pk, other_almo.pk}


def test_anonymous_sees_nothing(almo):
    assert visible(Almo, AnonymousUser()) == set()


def test_missing_and_forbidden_are_the_same_404(almo, other_almo, almo_staff):
    assert get_object_for(almo_staff, Almo, pk=almo.pk) == almo
    with pytest.raises(Http404) as forbidden:
        get_object_for(almo_staff, Almo, pk=other_almo.pk)
    with pytest.raises(Http404) as missing:
        get_object_for(almo_staff, Almo, pk=999_999)
    assert str(forbidden.value) == str(missing.value)


def test_an_unknown_action_is_a_programming_error(almo, almo_staff):
    with pytest.raises(ValueError, match="no action called 'approve'"):
        Almo.objects.restrict(almo_staff, "approve")


@pytest.mark.parametrize("extra_almos", [1, 20])
def test_access_costs_the_same_queries_however_many_almos(django_assert_num_queries, council, extra_almos):
    for _ in range(extra_almos):
        AlmoFactory(council=council)
    officer = user_with_role(Role.COUNCIL_OFFICER, council)
    # Memberships (with their organisations; an officer has no observer's grants), the council's ALMOs; then the list.
    with django_assert_num_queries(3):
        list(Almo.objects.restrict(officer))
