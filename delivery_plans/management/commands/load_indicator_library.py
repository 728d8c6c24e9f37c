from django.core.management.base import BaseCommand
from django.db import transaction

from delivery_plans.library import load_library
from delivery_plans.models import Indicator


class Command(BaseCommand):
    help = "Bring the shipped indicator library (TSMs and former BVPIs) up to date. Local indicators are untouched."

    @transaction.atomic
    def handle(self, *args, **options):
        created, updated = load_library(Indicator)
        self.stdout.write(self.style.SUCCESS(f"Indicator library: {created} added, {updated} updated."))
