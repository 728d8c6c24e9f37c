"""Create a portal user with a membership, for administrators and scripts."""

import os

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from organisations.access import Role
from organisations.models import Almo, Council
from organisations.services import user_create_with_membership


class Command(BaseCommand):
    help = (
        "Create a user (or add to an existing one) a membership of a council or an ALMO. "
        "Example: manage.py portal_user jsmith --email j.smith@example.org --almo harrowfield-north-homes "
        "--role almo_staff"
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        where = parser.add_mutually_exclusive_group(required=True)
        where.add_argument("--council", metavar="SLUG", help="The council's slug.")
        where.add_argument("--almo", metavar="SLUG", help="The ALMO's slug.")
        parser.add_argument("--role", required=True, help=f"One of: {', '.join(Role.values)}.")
        parser.add_argument("--admin", action="store_true", help="Let them manage their organisation's people.")
        parser.add_argument(
            "--grant",
            action="append",
            default=[],
            metavar="ALMO_SLUG",
            help="For observers: an ALMO they may read.",
        )
        parser.add_argument(
            "--password-env",
            metavar="VARIABLE",
            help="Read the password from this environment variable. Without it, a welcome email sets it.",
        )

    def handle(self, *args, **options):
        role = options["role"]
        if role not in Role.values:
            raise CommandError(f"Unknown role '{role}'. Use one of: {', '.join(Role.values)}.")
        council = almo = None
        if options["council"]:
            council = Council.objects.filter(slug=options["council"]).first()
            if council is None:
                known = ", ".join(Council.objects.values_list("slug", flat=True)) or "none yet"
                raise CommandError(f"No council has the slug '{options['council']}'. Known councils: {known}.")
        else:
            almo = Almo.objects.filter(slug=options["almo"]).first()
            if almo is None:
                known = ", ".join(Almo.objects.values_list("slug", flat=True)) or "none yet"
                raise CommandError(f"No ALMO has the slug '{options['almo']}'. Known ALMOs: {known}.")
        granted = []
        for slug in options["grant"]:
            granted_almo = Almo.objects.filter(slug=slug).first()
            if granted_almo is None:
                raise CommandError(f"--grant: no ALMO has the slug '{slug}'.")
            granted.append(granted_almo)
        password = None
        if options["password_env"]:
            password = os.environ.get(options["password_env"])
            if not password:
                raise CommandError(f"--password-env: the variable {options['password_env']} is empty or not set.")
        try:
            user, membership = user_create_with_membership(
                username=options["username"],
                email=options["email"],
                first_name=options["first_name"],
                last_name=options["last_name"],
                password=password,
                role=role,
                council=council,
                almo=almo,
                is_admin=options["admin"],
                granted_almos=granted,
            )
        except ValidationError as error:
            details = "; ".join(
                f"{field}: {' '.join(messages)}" if field != "__all__" else " ".join(messages)
                for field, messages in error.message_dict.items()
            )
            raise CommandError(f"Nothing was created. {details}") from error
        self.stdout.write(self.style.SUCCESS(f"{user.username} is now {membership}."))
