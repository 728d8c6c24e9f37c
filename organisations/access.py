"""The one access rule: what a user's memberships let them see and do.

Every domain queryset inherits `ScopedQuerySet` and declares where its rows belong, instead of
filtering by organisation itself: `almo_path` (the lookup to the owning ALMO, or None for
council-level rows) and `council_path` (the lookup to the council), or `owner_path` for personal
records, or `everyone_reads` for reference data. `restrict(user, action)` is then the only way to
scope a queryset; nothing outside this module reads a user's access sets.

Reading follows membership. A council officer reads their council and all its ALMOs; ALMO staff and
board members read their ALMO; an observer reads the ALMOs their grant names. Council-level rows
marked `shared_with_almos` (local indicators) are read by the council's ALMOs too, and rows with no
council at all are read by everyone when `open_when_unowned` (the indicator library).

Writing: each action names the party whose people take it (`write_parties`): the council's officers,
the ALMO's staff, either of them (the service then checks which side acts), the portal's
administrators (reference data), or a personal record's owner. Board members and observers never
change a record; the one thing a board member may ask for is their own board's pack (WITH_BOARD).
Pages, the API and the services all ask this same question, through `restrict`, `can`,
`get_object_for` and `acting_party`.

Superusers are the portal's administrators, not a party to the relationship. They read every
organisation's records, to support people, and may change reference data (actions given to
ADMINISTRATOR, and the Django admin). They never take a council's or an ALMO's action: they do not
sign plans, submit or accept returns, agree amendments or ask for reports on a party's behalf.
Personal records (API tokens) are their owner's alone, superusers included.

A record a user may not see, or may not take the action on, is missing to them: `get_object_for` (and
the queryset's `get_for`, which services call) raises 404 for missing and forbidden alike. Pages and
the API answer 403 only where they show a record and refuse one action on it (`can`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import models
from django.db.models import Q
from django.http import Http404

VIEW = "view"


class Party(models.TextChoices):
    COUNCIL = "council", "Council"
    ALMO = "almo", "ALMO"


# A write action either party may take, such as proposing an amendment; services check which side acts.
EITHER_PARTY = "either"
# An action for the ALMO's staff, its council's officers, or its board's members: asking for a board pack.
WITH_BOARD = "with_board"
# A write action for the portal's administrators (superusers) only: reference data such as peer groups.
ADMINISTRATOR = "administrator"
# A write action on a personal record, for its owner only.
OWNER = "owner"


class Role(models.TextChoices):
    COUNCIL_OFFICER = "council_officer", "Council officer"
    ALMO_STAFF = "almo_staff", "ALMO staff"
    BOARD_MEMBER = "board_member", "Board member"
    OBSERVER = "observer", "Observer"


@dataclass(frozen=True)
class Access:
    """The organisations one user may read, and where they may act for each party."""

    councils_read: frozenset[int] = field(default_factory=frozenset)
    almos_read: frozenset[int] = field(default_factory=frozenset)
    councils_write: frozenset[int] = field(default_factory=frozenset)
    almos_write: frozenset[int] = field(default_factory=frozenset)
    # ALMOs on whose board the user sits: they may ask for their board's packs, and change nothing.
    almos_board: frozenset[int] = field(default_factory=frozenset)
    # Councils whose shared records (indicators, schedules) an ALMO's people may read.
    parent_councils: frozenset[int] = field(default_factory=frozenset)

    def write_ids(self, party: str) -> frozenset[int]:
        return self.councils_write if party == Party.COUNCIL else self.almos_write


def active_memberships(user) -> list:
    """The person's active memberships, oldest first, with their organisations and an observer's grants: read once
    per request for the access rule, the organisation switcher and the header alike (kept on the user object)."""
    cached = getattr(user, "_active_memberships", None)
    if cached is None:
        from django.db.models import prefetch_related_objects

        from organisations.models import Membership

        cached = list(
            Membership.objects.filter(user=user, is_active=True)
            .select_related("council", "almo", "almo__council")
            .order_by("created_at", "pk")
        )
        # Only an observer has grants: everyone else is spared the query.
        prefetch_related_objects([m for m in cached if m.role == Role.OBSERVER], "granted_almos")
        user._active_memberships = cached
    return cached


def access_for(user) -> Access:
    """Work out a user's access once per request; it is cached on the user object."""
    cached = getattr(user, "_portal_access", None)
    if cached is not None:
        return cached
    from organisations.models import Almo

    councils_read, almos_read, councils_write, almos_write, almos_board = set(), set(), set(), set(), set()
    # The councils of the ALMOs read through an ALMO membership or a grant (the memberships hold them already).
    parent_councils = set()
    for membership in active_memberships(user):
        if membership.role == Role.COUNCIL_OFFICER:
            councils_read.add(membership.council_id)
            councils_write.add(membership.council_id)
        elif membership.role == Role.ALMO_STAFF:
            almos_read.add(membership.almo_id)
            almos_write.add(membership.almo_id)
            parent_councils.add(membership.almo.council_id)
        elif membership.role == Role.BOARD_MEMBER:
            almos_read.add(membership.almo_id)
            almos_board.add(membership.almo_id)
            parent_councils.add(membership.almo.council_id)
        elif membership.role == Role.OBSERVER:
            for almo in membership.granted_almos.all():
                almos_read.add(almo.pk)
                parent_councils.add(almo.council_id)
    if councils_read:
        almos_read.update(Almo.objects.filter(council_id__in=councils_read).values_list("pk", flat=True))
    access = Access(
        councils_read=frozenset(councils_read),
        almos_read=frozenset(almos_read),
        councils_write=frozenset(councils_write),
        almos_write=frozenset(almos_write),
        almos_board=frozenset(almos_board),
        parent_councils=frozenset(parent_councils - councils_read),
    )
    user._portal_access = access
    return access


NOTHING = Q(pk__in=[])


class ScopedQuerySet(models.QuerySet):
    """A queryset that knows whom each row belongs to; see the module's docstring for the rule."""

    almo_path: str | None = "almo"
    council_path: str | None = "almo__council"
    # Council-level rows (no ALMO) that the council's ALMOs may also read, such as local indicators.
    shared_with_almos: bool = False
    # Rows with no council at all (the indicator library) are read by everyone signed in.
    open_when_unowned: bool = False
    # Reference data that everyone signed in reads.
    everyone_reads: bool = False
    # Personal records: the lookup to the user who owns the row.
    owner_path: str | None = None
    write_parties: dict[str, str] = {"change": Party.ALMO}

    def restrict(self, user, action: str = VIEW):
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        if action == VIEW:
            return self.filter(self._read_q(user))
        return self.filter(self._write_q(user, action))

    def owned_by(self, *, council=None, almo=None):
        """Rows belonging to one ALMO, or to one council and its ALMOs, through the declared paths.

        For work with no user, such as a scheduled report: what the report's subject owns.
        """
        if almo is not None and self.almo_path:
            return self.filter(**{self.almo_path: almo})
        if council is None and almo is not None:
            council = almo.council_id
        return self.filter(**{self.council_path: council})

    def get_for(self, user, action: str = VIEW, **lookup):
        """The one row the user may take `action` on, or Http404: missing and forbidden look the same.

        Pages and services both call this, so a service called without the page's checks refuses as the page does.
        """
        try:
            return self.restrict(user, action).get(**lookup)
        except self.model.DoesNotExist as error:
            raise Http404(f"No {self.model._meta.verbose_name} matches the given query.") from error

    def allows(self, user, action: str, obj) -> bool:
        return self.filter(pk=obj.pk).restrict(user, action).exists()

    def _read_q(self, user) -> Q:
        if self.owner_path:
            return Q(**{self.owner_path: user})
        if self.everyone_reads or user.is_superuser:
            return Q()
        access = access_for(user)
        council_q = Q(**{f"{self.council_path}__in": access.councils_read})
        if self.open_when_unowned:
            council_q |= Q(**{f"{self.council_path}__isnull": True})
        if self.almo_path is None:
            if self.shared_with_almos:
                return council_q | Q(**{f"{self.council_path}__in": access.parent_councils})
            return council_q
        almo_q = Q(**{f"{self.almo_path}__in": access.almos_read})
        if self.shared_with_almos:
            almo_q |= Q(**{f"{self.almo_path}__isnull": True, f"{self.council_path}__in": access.parent_councils})
        return council_q | almo_q

    def _write_q(self, user, action: str) -> Q:
        party = self.write_parties.get(action)
        if party is None:
            raise ValueError(f"{self.model.__name__} has no action called {action!r}")
        if party == OWNER:
            return Q(**{self.owner_path: user})
        if party == ADMINISTRATOR:
            return Q() if user.is_superuser else NOTHING
        if user.is_superuser:
            return NOTHING  # administrators take no party's action
        access = access_for(user)
        council_q = Q(**{f"{self.council_path}__in": access.councils_write})
        almo_q = Q(**{f"{self.almo_path}__in": access.almos_write}) if self.almo_path else NOTHING
        if party == Party.COUNCIL:
            return council_q
        if party == Party.ALMO:
            return almo_q
        if party == WITH_BOARD and self.almo_path:
            return council_q | almo_q | Q(**{f"{self.almo_path}__in": access.almos_board})
        return council_q | almo_q


def get_object_for(user, queryset_or_model, action: str = VIEW, **lookup):
    """Return the object the user may act on, or raise 404: missing and forbidden look the same."""
    queryset = queryset_or_model
    if isinstance(queryset_or_model, type):
        queryset = queryset_or_model.objects.all()
    return queryset.get_for(user, action, **lookup)


def acting_party(user, almo) -> str | None:
    """The side a user acts for on one ALMO's records: the ALMO's staff, or its council's officers.

    None for everyone else, superusers included: the same answer `restrict` gives for a party's action.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active or user.is_superuser:
        return None
    access = access_for(user)
    if almo.pk in access.almos_write:
        return Party.ALMO
    if almo.council_id in access.councils_write:
        return Party.COUNCIL
    return None


def acts_for_a_party(user) -> bool:
    """Whether the user works for a council or an ALMO (or runs the portal), rather than only reading.

    Board members and observers read; the API tokens and other tools for doing the work are not for them.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    access = access_for(user)
    return user.is_superuser or bool(access.councils_write or access.almos_write)


def can(user, obj, action: str) -> bool:
    """Whether the user may take `action` on `obj`: for showing or hiding buttons on a page."""
    return type(obj).objects.allows(user, action, obj)
