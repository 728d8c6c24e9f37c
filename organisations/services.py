"""Writes for people and memberships."""

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from organisations.access import Role
from organisations.models import Almo, Council, Membership
from organisations.tasks import send_welcome_email_task

User = get_user_model()


@transaction.atomic
def membership_create(
    *,
    user,
    role: str,
    council: Council | None = None,
    almo: Almo | None = None,
    is_admin: bool = False,
    granted_almos: list[Almo] | tuple = (),
) -> Membership:
    """Give a person a role in one organisation; observers read only the ALMOs they are granted."""
    if granted_almos and role != Role.OBSERVER:
        raise ValidationError(
            {"granted_almos": "Only observers are granted ALMOs; other roles follow their organisation."}
        )
    home_council = council or (almo.council if almo else None)
    outside = [a.name for a in granted_almos if a.council_id != getattr(home_council, "pk", None)]
    if outside:
        raise ValidationError({"granted_almos": f"These ALMOs belong to another council: {', '.join(outside)}."})
    membership = Membership(user=user, role=role, council=council, almo=almo, is_admin=is_admin)
    membership.full_clean()
    membership.save()
    if granted_almos:
        membership.granted_almos.set(granted_almos)
    return membership


@transaction.atomic
def user_create_with_membership(
    *,
    username: str,
    email: str,
    first_name: str = "",
    last_name: str = "",
    password: str | None,
    role: str,
    council: Council | None = None,
    almo: Almo | None = None,
    is_admin: bool = False,
    granted_almos: list[Almo] | tuple = (),
):
    """Create the person if new, then add the membership; all or nothing."""
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, email=email, first_name=first_name, last_name=last_name)
        if password:
            # The same rules as choosing a password on the page: 12 characters or more, not a common one.
            try:
                validate_password(password, user)
            except ValidationError as error:
                raise ValidationError({"password": error.messages}) from error
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.full_clean()
        user.save()
        if not password:
            transaction.on_commit(lambda: send_welcome_email_task.delay(user.pk))
    membership = membership_create(
        user=user, role=role, council=council, almo=almo, is_admin=is_admin, granted_almos=granted_almos
    )
    return user, membership
