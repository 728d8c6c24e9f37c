"""The one access rule: what a user's memberships let them see and do.

Every domain queryset inherits `ScopedQuerySet.restrict(user, action)`; nothing else filters by
organisation. A record belongs to an ALMO, or to a council (with no ALMO). Reading follows
membership; each write action names the party (council or ALMO) whose staff may take it.
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
    # Councils whose shared records (indicators, schedules) an ALMO's people may read.
    parent_councils: frozenset[int] = field(default_factory=frozenset)

    def write_ids(self, party: str) -> frozenset[int]:
        return self.councils_write if party == Party.COUNCIL else self.almos_write


def access_for(user) -> Access:
    """Work out a user's access once per request; it is cached on the user object."""
    cached = getattr(user, "_portal_access", None)
    if cached is not None:
        return cached
    from organisations.models import Almo, Membership

    councils_read, almos_read, councils_write, almos_write = set(), set(), set(), set()
    memberships = Membership.objects.filter(user=user, is_active=True).prefetch_related("granted_almos")
    for membership in memberships:
        if membership.role == Role.COUNCIL_OFFICER:
            councils_read.add(membership.council_id)
            councils_write.add(membership.council_id)
        elif membership.role == Role.ALMO_STAFF:
            almos_read.add(membership.almo_id)
            almos_write.add(membership.almo_id)
        elif membership.role == Role.BOARD_MEMBER:
            almos_read.add(membership.almo_id)
        elif membership.role == Role.OBSERVER:
            almos_read.update(almo.pk for almo in membership.granted_almos.all())
    if councils_read:
        almos_read.update(Almo.objects.filter(council_id__in=councils_read).values_list("pk", flat=True))
    parent_councils = set(Almo.objects.filter(pk__in=almos_read).values_list("council_id", flat=True))
    access = Access(
        councils_read=frozenset(councils_read),
        almos_read=frozenset(almos_read),
        councils_write=frozenset(councils_write),
        almos_write=frozenset(almos_write),
        parent_councils=frozenset(parent_councils - councils_read),
    )
    user._portal_access = access
    return access


class ScopedQuerySet(models.QuerySet):
    """A queryset that knows which ALMO and council each row belongs to.

    Subclasses set `almo_path` (lookup to the owning ALMO, or None for council-level records) and
    `council_path` (lookup to the council), and map each write action to the party that takes it.
    """

    almo_path: str | None = "almo"
    council_path: str = "almo__council"
    # Council-level rows (no ALMO) that the council's ALMOs may also read, such as local indicators.
    shared_with_almos: bool = False
    write_parties: dict[str, str] = {"change": Party.ALMO}

    def restrict(self, user, action: str = VIEW):
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        access = access_for(user)
        if action == VIEW:
            return self.filter(self._read_q(access))
        party = self.write_parties.get(action)
        if party is None:
            raise ValueError(f"{self.model.__name__} has no action called {action!r}")
        council_q = Q(**{f"{self.council_path}__in": access.councils_write})
        almo_q = Q(**{f"{self.almo_path}__in": access.almos_write}) if self.almo_path else Q(pk__in=[])
        if party == Party.COUNCIL:
            return self.filter(council_q)
        if party == Party.ALMO:
            return self.filter(almo_q)
        return self.filter(council_q | almo_q)

    def _read_q(self, access: Access) -> Q:
        council_q = Q(**{f"{self.council_path}__in": access.councils_read})
        if self.almo_path is None:
            if self.shared_with_almos:
                return council_q | Q(**{f"{self.council_path}__in": access.parent_councils})
            return council_q
        almo_q = Q(**{f"{self.almo_path}__in": access.almos_read})
        if self.shared_with_almos:
            almo_q |= Q(**{f"{self.almo_path}__isnull": True, f"{self.council_path}__in": access.parent_councils})
        return council_q | almo_q


def get_object_for(user, queryset_or_model, action: str = VIEW, **lookup):
    """Return the object the user may act on, or raise 404: missing and forbidden look the same."""
    queryset = queryset_or_model
    if isinstance(queryset_or_model, type):
        queryset = queryset_or_model.objects.all()
    try:
        return queryset.restrict(user, action).get(**lookup)
    except queryset.model.DoesNotExist as error:
        raise Http404(f"No {queryset.model._meta.verbose_name} matches the given query.") from error


def acting_party(user, almo) -> str | None:
    """The side a user acts for on one ALMO's records: the ALMO's staff, or its council's officers."""
    if user.is_superuser:
        return None
    access = access_for(user)
    if almo.pk in access.almos_write:
        return Party.ALMO
    if almo.council_id in access.councils_write:
        return Party.COUNCIL
    return None


def can(user, obj, action: str) -> bool:
    """Whether the user may take `action` on `obj`: for showing or hiding buttons on a page."""
    return type(obj).objects.filter(pk=obj.pk).restrict(user, action).exists()
