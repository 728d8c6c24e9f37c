"""The portal_user and load_demo_data commands."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import CommandError, call_command

from organisations.access import Role
from organisations.models import Almo, BoardMember, Council, DeclaredInterest, Membership

User = get_user_model()
pytestmark = pytest.mark.django_db


def test_portal_user_creates_a_user_with_a_membership(almo, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        call_command(
            "portal_user",
            "jsmith",
            "--email",
            "j.smith@example.org",
            "--almo",
            almo.slug,
            "--role",
            "almo_staff",
            "--admin",
            "--first-name",
            "Jo",
            "--last-name",
            "Smith",
        )
    membership = Membership.objects.get(user__username="jsmith")
    assert (membership.almo, membership.role, membership.is_admin) == (almo, Role.ALMO_STAFF, True)
    # The welcome email goes only after the transaction commits, with a link to choose a password.
    assert len(callbacks) == 1
    assert mail.outbox[0].to == ["j.smith@example.org"]
    assert "/password-reset/" in mail.outbox[0].body and "You are ALMO staff at Northmoor Homes." in mail.outbox[0].body


def test_portal_user_adds_a_second_membership_to_an_existing_user(almo, council, almo_staff):
    call_command("portal_user", "almo.staff", "--council", council.slug, "--role", "observer", "--grant", almo.slug)
    assert almo_staff.memberships.count() == 2
    assert list(almo_staff.memberships.get(role=Role.OBSERVER).granted_almos.all()) == [almo]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            ["--almo", "no-such-almo", "--role", "almo_staff"],
            "No ALMO has the slug 'no-such-almo'. Known ALMOs: northmoor-homes",
        ),
        (["--council", "atlantis", "--role", "council_officer"], "No council has the slug 'atlantis'"),
        (
            ["--almo", "northmoor-homes", "--role", "janitor"],
            "Unknown role 'janitor'. Use one of: council_officer",
        ),
        (
            ["--almo", "northmoor-homes", "--role", "council_officer"],
            "council officer's membership must be with a council",
        ),
        (
            ["--almo", "northmoor-homes", "--role", "almo_staff", "--grant", "northmoor-homes"],
            "Only observers are granted",
        ),
    ],
)
def test_portal_user_refuses_bad_input_and_creates_nothing(almo, arguments, message):
    with pytest.raises(CommandError, match=message):
        call_command("portal_user", "newperson", "--email", "new@example.org", *arguments)
    assert not User.objects.filter(username="newperson").exists()
    assert not Membership.objects.exists()


def test_portal_user_refuses_a_duplicate_role(almo, almo_staff):
    with pytest.raises(CommandError, match="already holds that role at this ALMO"):
        call_command("portal_user", "almo.staff", "--almo", almo.slug, "--role", "almo_staff")


def test_demo_data_is_complete_and_loading_it_twice_changes_nothing(db):
    call_command("load_demo_data", "--quiet-sign-ins")
    models = [Council, Almo, BoardMember, DeclaredInterest, Membership, User]
    counts = {model: model.objects.count() for model in models}
    history = {model: model.history.count() for model in models if hasattr(model, "history")}
    assert counts[Council] == 3 and counts[Almo] == 5
    assert Almo.objects.filter(council__slug="harrowfield").count() == 3
    assert Almo.objects.get(slug="kelworth-homes").origin == Almo.Origin.FORMER_TMO
    assert set(Membership.objects.values_list("role", flat=True)) == set(Role.values)
    assert User.objects.get(username="councillor").memberships.count() == 2
    call_command("load_demo_data", "--quiet-sign-ins")
    assert {model: model.objects.count() for model in models} == counts
    assert {model: model.history.count() for model in history} == history
