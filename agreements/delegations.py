"""The agreement's delegations register, offered to Delivery Plans through `core.registries.delegation_registers`.

The register of the agreement in force is the ALMO's one register: a plan shows it, and refuses to keep a list
of its own, while an agreement is in force.
"""

from __future__ import annotations

from django.urls import reverse

from agreements.models import DelegatedFunction, ManagementAgreement
from core import registries


def _agreement_in_force(almo) -> ManagementAgreement | None:
    return ManagementAgreement.objects.owned_by(almo=almo).in_force().first()


def register_lines(almo) -> list[registries.DelegationLine] | None:
    """The functions of the ALMO's agreement in force, or None when no agreement is in force."""
    agreement = _agreement_in_force(almo)
    if agreement is None:
        return None
    functions = DelegatedFunction.objects.filter(agreement=agreement).order_by("function")
    return [
        registries.DelegationLine(
            function=function.function,
            arrangement=function.get_arrangement_display(),
            limit=function.limit_text or "No limit",
            decided_by=function.get_decision_maker_display(),
            notes=function.notes,
        )
        for function in functions
    ]


def register_url(almo) -> str:
    agreement = _agreement_in_force(almo)
    if agreement is None:
        return reverse("agreements:agreement_list")
    return f"{agreement.get_absolute_url()}#functions"


def register() -> None:
    registries.delegation_registers.register(
        registries.DelegationRegister("The management agreement's delegations register", register_lines, register_url)
    )
