"""Build the national data set (dashboards/national_data.py) into the configured database, for timing the dashboards."""

from django.core.management.base import BaseCommand, CommandError

from dashboards import national_data


class Command(BaseCommand):
    help = (
        "Build 70 ALMOs under 50 councils with 15 years of quarterly returns and the other domains' records, "
        "for timing the dashboards at national scale. Use a database of its own."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", type=float, default=1.0, help="A share of the councils and ALMOs: 0.1 for a tenth."
        )
        parser.add_argument("--years", type=int, default=national_data.YEARS, help="Years of quarterly returns.")
        parser.add_argument("--seed", type=int, default=national_data.SEED, help="The seed of the figures.")
        parser.add_argument("--flush", action="store_true", help="Remove a previous national set first.")

    def handle(self, *args, scale, years, seed, flush, **options):
        if not 0 < scale <= 1 or years < 1:
            raise CommandError("--scale must be more than 0 and at most 1, and --years at least 1.")
        if flush:
            national_data.flush(log=self.stdout.write)
        elif national_data.national_councils().exists():
            raise CommandError("A national set is already here: add --flush to replace it.")
        made = national_data.build(scale=scale, years=years, seed=seed, log=self.stdout.write)
        for name, count in made.counts.items():
            self.stdout.write(f"  {name:<24} {count:>9,}")
        self.stdout.write(self.style.SUCCESS(f"National data set built in {made.seconds:.0f} s."))
