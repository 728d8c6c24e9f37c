"""factory_boy factories shared by every app's tests."""

import datetime as dt

import factory
from django.contrib.auth import get_user_model

from organisations.access import Role
from organisations.models import Almo, Board, BoardMember, Council, DeclaredInterest, Membership

PASSWORD = "a-test-password-9"


class CouncilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Council

    name = factory.Sequence(lambda n: f"Testshire Council {n}")
    slug = factory.Sequence(lambda n: f"testshire-{n}")
    ons_code = factory.Sequence(lambda n: f"E08{n:06d}")
    kind = Council.Kind.METROPOLITAN
    region = "north_west"


class AlmoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Almo

    name = factory.Sequence(lambda n: f"Test Homes {n}")
    slug = factory.Sequence(lambda n: f"test-homes-{n}")
    council = factory.SubFactory(CouncilFactory)
    status = Almo.Status.LIVE
    homes_managed = 5000
    leaseholds_managed = 200
    agreement_start = dt.date(2024, 4, 1)
    agreement_end = dt.date(2029, 3, 31)


class BoardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Board

    almo = factory.SubFactory(AlmoFactory)
    name = factory.LazyAttribute(lambda board: f"{board.almo.name} board")


class BoardMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BoardMember

    board = factory.SubFactory(BoardFactory)
    name = factory.Sequence(lambda n: f"Board Member {n}")
    category = BoardMember.Category.TENANT
    office = BoardMember.Office.MEMBER
    term_start = dt.date(2023, 7, 1)


class DeclaredInterestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DeclaredInterest

    board_member = factory.SubFactory(BoardMemberFactory)
    kind = DeclaredInterest.Kind.FINANCIAL
    description = factory.Sequence(lambda n: f"Director of a contractor, interest {n}")
    declared_on = dt.date(2024, 1, 10)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def saved(self, create, extracted, **kwargs):
        if create:
            self.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = Role.ALMO_STAFF


def user_with_role(role: str, organisation, **user_fields):
    """A user holding one membership: `organisation` is a council for officers, an ALMO otherwise."""
    user = UserFactory(**user_fields)
    if isinstance(organisation, Council):
        MembershipFactory(user=user, role=role, council=organisation)
    else:
        MembershipFactory(user=user, role=role, almo=organisation)
    return user
