"""Load the fictional demo records of every app. Safe to run again: nothing changes."""

from django.core.management.base import BaseCommand
from django.db import transaction

from core import registries


class Command(BaseCommand):
    help = "Load fictional councils, ALMOs, boards, users and their records for trying the portal."

    def add_arguments(self, parser):
        parser.add_argument("--quiet-sign-ins", action="store_true", help="Do not print the demo sign-ins.")

    @transaction.atomic
    def handle(self, *args, **options):
        # Each app registers its loader; organisations come first, then the records that belong to them.
        loaders = list(registries.demo_loaders)
        quiet = options["quiet_sign_ins"]
        for loader in loaders:
            loader.load()
            if not quiet:
                self.stdout.write(f"Loaded: {loader.name}")
        if quiet:
            return
        self.stdout.write(self.style.SUCCESS("Demo data is loaded. Sign in at http://127.0.0.1:8000/ as:"))
        for loader in loaders:
            for username, description in loader.sign_ins() if loader.sign_ins else []:
                self.stdout.write(f"  {username:<18} {description}")
