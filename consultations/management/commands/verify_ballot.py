"""Verify a ballot's vote chain and recount it from the votes: `manage.py verify_ballot <ballot public id>`.

For the overseer (or whoever runs the server for them): prints the recount, the chain's final hash and whether both
match what was sealed at the close. Exits with status 1 if verification fails. Prints no vote-level data.
"""

from django.core.management.base import BaseCommand, CommandError

from consultations import selectors
from consultations.models import Ballot


class Command(BaseCommand):
    help = "Verify a ballot's vote chain and recount it against the result sealed at the close."

    def add_arguments(self, parser):
        parser.add_argument("public_id", help="The ballot's public id, as in its voting page's address.")

    def handle(self, *args, public_id, **options):
        ballot = Ballot.objects.select_related("consultation").filter(public_id=public_id).first()
        if ballot is None:
            raise CommandError(f"There is no ballot with the public id {public_id!r}.")
        if ballot.is_sealed:
            raise CommandError("The ballot is still open: it can be verified once the overseer has closed it.")
        found = selectors.verification(ballot)
        titles = dict(ballot.consultation.options.values_list("pk", "title"))
        self.stdout.write(f"Ballot: {ballot.question}")
        for option_id, title in titles.items():
            self.stdout.write(f"  {title}: {found.tallies.get(option_id, 0)}")
        self.stdout.write(f"Votes in the chain: {found.count}")
        self.stdout.write(f"Final hash: {found.final_hash}")
        self.stdout.write(f"Sealed hash: {ballot.final_hash}")
        if not found.ok:
            self.stderr.write(found.message)
            raise SystemExit(1)
        self.stdout.write(self.style.SUCCESS(found.message))
