"""Which side a person acts for on an ALMO's inspection records: the check every write starts from."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from organisations.access import Party, acting_party
from organisations.joint_agreement import party_for

__all__ = ["party_for", "require_almo_staff"]


def require_almo_staff(actor, almo) -> None:
    """The ALMO keeps its own readiness records; its council reads them. PermissionDenied for anyone else."""
    if acting_party(actor, almo) != Party.ALMO:
        raise PermissionDenied(f"Only {almo.name}'s staff can do this.")
