"""Voting codes: made at random, printed once on a letter, kept only as a keyed hash.

A code is 16 characters of Crockford's base 32 (digits and capital letters without I, L, O and U), so 80 random
bits from the operating system's generator (`secrets`). Why 80: the largest ALMOs have under 100,000 tenancies, so
one guess finds a live code with a chance of at most 100,000 / 2^80, about 1 in 10^19. The voting page lets a
ballot take at most a few hundred wrong codes an hour, about 10^6 over a long ballot: the chance that any of
them hits is under 1 in 10^13. A stolen copy of the database is no better: without the key, the hashes cannot be
tested at all, and with it, testing 2^80 codes is far beyond any attacker.

The hash is HMAC-SHA-256 keyed with `settings.BALLOT_CODE_KEY` (or, until that is set, a key derived from
`SECRET_KEY`), over the ballot's public id and the code, so the same code means nothing on another ballot. Codes
are read forgivingly: case, spaces and hyphens do not matter, and O, I and L are read as 0, 1 and 1.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

from django.conf import settings

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 16
BITS = LENGTH * 5
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1"})
_SEPARATORS = re.compile(r"[\s\-]+")
_VALID = re.compile(rf"[{ALPHABET}]{{{LENGTH}}}")


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def display(code: str) -> str:
    """As printed on the letter: four groups of four."""
    return "-".join(code[i : i + 4] for i in range(0, LENGTH, 4))


def normalise(text: str) -> str | None:
    """The code as typed, in its one written form; None if it cannot be a code at all."""
    if not isinstance(text, str) or len(text) > 60:
        return None
    cleaned = _SEPARATORS.sub("", text).upper().translate(_CONFUSABLE)
    return cleaned if _VALID.fullmatch(cleaned) else None


def _key() -> bytes:
    configured = getattr(settings, "BALLOT_CODE_KEY", "")
    if configured:
        return configured.encode()
    # Derived, not the secret key itself, so no other use of SECRET_KEY can produce these hashes.
    return hmac.new(settings.SECRET_KEY.encode(), b"consultations.voting-code-key", hashlib.sha256).digest()


def code_hash(public_id: str, code: str) -> str:
    return hmac.new(_key(), f"{public_id}:{code}".encode(), hashlib.sha256).hexdigest()
