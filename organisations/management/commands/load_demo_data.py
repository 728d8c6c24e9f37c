"""Load the fictional demo organisations, people and records. Safe to run again: nothing changes."""

from django.core.management.base import BaseCommand
from django.db import transaction

from benchmarking import demo as benchmarking_demo
from delivery_plans import demo as delivery_plans_demo
from organisations import demo as organisations_demo
from organisations.models import Almo, Council

# Each part of the portal adds its demo records after the organisations exist.
DEMO_LOADERS = [organisations_demo.load, delivery_plans_demo.load, benchmarking_demo.load]


class Command(BaseCommand):
    help = "Load fictional councils, ALMOs, boards, users and their records for trying the portal."

    def add_arguments(self, parser):
        parser.add_argument("--quiet-sign-ins", action="store_true", help="Do not print the demo sign-ins.")

    @transaction.atomic
    def handle(self, *args, **options):
        for loader in DEMO_LOADERS:
            loader()
        if options["quiet_sign_ins"]:
            return
        self.stdout.write(self.style.SUCCESS("Demo data is loaded. Sign in at http://127.0.0.1:8000/ as:"))
        names = dict(Council.objects.values_list("slug", "name")) | dict(Almo.objects.values_list("slug", "name"))
        for username, _first, _last, memberships in organisations_demo.USERS:
            roles = "; ".join(
                f"{role.label} at {names[council or almo]}" for role, council, almo, _admin, _grants in memberships
            )
            self.stdout.write(f"  {username:<18} {roles}")
        self.stdout.write(f"  {'admin':<18} superuser (Django admin at /admin/)")
        self.stdout.write(f"Every demo password is: {organisations_demo.DEMO_PASSWORD}")
