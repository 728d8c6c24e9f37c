"""Querysets for consultations and ballots: where each record belongs under the one access rule.

Reading follows membership as everywhere (the council's officers, the ALMO's staff and board, granted observers).
The council runs a review of its ALMO's future, so every change is the council's; the ALMO may add evidence to the
checklist. The tenancy register (names and addresses) is read through the council's `manage_register` action,
so the ALMO's board and observers never see it. The overseer's actions (close, verify, publish) belong to the
one observer membership named on the ballot: `overseen_by` narrows what the person may read to those ballots.
"""

from django.db.models import Q

from organisations.access import EITHER_PARTY, Party, Role, ScopedQuerySet


class ConsultationQuerySet(ScopedQuerySet):
    almo_path = "almo"
    council_path = "almo__council"
    write_parties = {"change": Party.COUNCIL}

    def active(self):
        return self.exclude(status="decided")


class FoundingTestQuerySet(ScopedQuerySet):
    almo_path = "almo"
    council_path = "almo__council"
    write_parties = {"change": Party.COUNCIL}


class ConsultationPartQuerySet(ScopedQuerySet):
    """Options, timetable stages and project group members: the council keeps them."""

    almo_path = "consultation__almo"
    council_path = "consultation__almo__council"
    write_parties = {"change": Party.COUNCIL}


class ChecklistItemQuerySet(ScopedQuerySet):
    almo_path = "consultation__almo"
    council_path = "consultation__almo__council"
    # Either side may add evidence (the ALMO shows its board contributed); only the council confirms an item.
    write_parties = {"change": Party.COUNCIL, "add_evidence": EITHER_PARTY}

    def required_unconfirmed(self):
        return self.filter(required=True).exclude(status="confirmed")


class BallotQuerySet(ScopedQuerySet):
    almo_path = "consultation__almo"
    council_path = "consultation__almo__council"
    write_parties = {"change": Party.COUNCIL, "print_letters": Party.COUNCIL, "manage_register": Party.COUNCIL}

    def overseen_by(self, user):
        """The ballots `user` oversees: through their active observer membership named on the ballot."""
        return self.restrict(user).filter(overseer__user=user, overseer__is_active=True, overseer__role=Role.OBSERVER)


class TenancyQuerySet(ScopedQuerySet):
    """Names and addresses: the council's alone (no ALMO path, so the ALMO's people, board and observers never
    read them, through any page, the API or the shared history page)."""

    almo_path = None
    council_path = "ballot__consultation__almo__council"
    write_parties = {"manage_register": Party.COUNCIL}


class LetterBatchQuerySet(ScopedQuerySet):
    """The council's printing of letters; nobody else needs it."""

    almo_path = None
    council_path = "ballot__consultation__almo__council"
    write_parties = {"print_letters": Party.COUNCIL}

    def claimable(self, now):
        """Waiting, or left running by a worker whose lease has run out."""
        return self.filter(Q(status="pending") | Q(status="running", lease_until__lt=now))


class BallotResultQuerySet(ScopedQuerySet):
    """A sealed count: readable by the ballot's overseer once it is closed, by everyone else once published.

    The rule is here, not only on the pages, so the shared history page cannot show a count early either.
    """

    almo_path = "ballot__consultation__almo"
    council_path = "ballot__consultation__almo__council"
    write_parties = {}

    def _read_q(self, user) -> Q:
        overseer = Q(ballot__overseer__user=user, ballot__overseer__is_active=True, ballot__status="closed")
        return super()._read_q(user) & (Q(ballot__status="published") | overseer)


class BallotRecordQuerySet(ScopedQuerySet):
    """Codes, votes and sealed results: no page or API lists them row by row; services count them."""

    almo_path = "ballot__consultation__almo"
    council_path = "ballot__consultation__almo__council"
    write_parties = {}
