"""The votes' append-only hash chain, and the check that recounts a ballot from it.

Each vote stores a receipt, SHA-256 over the ballot, the option and a random nonce, which the voter keeps and finds
in the published list; and a chain hash over the previous vote's chain hash, its position and its receipt. Changing,
removing or reordering any stored vote breaks every hash after it, and the last hash is sealed on the ballot at the
close, so a database administrator cannot change the result without the check failing. (The database also refuses
to update or delete a vote: see the migration that adds the trigger.)
"""

from __future__ import annotations

import hashlib
import secrets
from collections import Counter
from dataclasses import dataclass, field


def genesis(public_id: str) -> str:
    return hashlib.sha256(f"ballot:{public_id}".encode()).hexdigest()


def new_nonce() -> str:
    return secrets.token_hex(16)


def receipt_for(public_id: str, option_id: int, nonce: str) -> str:
    return hashlib.sha256(f"vote:{public_id}:{option_id}:{nonce}".encode()).hexdigest()


def link(previous_hash: str, position: int, receipt: str) -> str:
    return hashlib.sha256(f"{previous_hash}:{position}:{receipt}".encode()).hexdigest()


def short_receipt(receipt: str) -> str:
    """The 64-bit head of the receipt, as a voter reads and types it: four groups of four."""
    head = receipt[:16].upper()
    return " ".join(head[i : i + 4] for i in range(0, 16, 4))


@dataclass
class Verification:
    """What a recount from the chain found."""

    ok: bool = True
    count: int = 0
    final_hash: str = ""
    tallies: Counter = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)

    def fail(self, message: str) -> None:
        self.ok = False
        if len(self.problems) < 20:
            self.problems.append(message)

    @property
    def message(self) -> str:
        if self.ok:
            return f"The chain of {self.count} votes is intact and the recount matches the sealed result."
        return "The chain failed verification: " + "; ".join(self.problems)


def walk(public_id: str, rows, option_ids: set[int]) -> Verification:
    """Recount from `rows` (position, option_id, nonce, receipt, previous_hash, chain_hash) in position order."""
    result = Verification()
    previous = genesis(public_id)
    for expected, (position, option_id, nonce, receipt, previous_hash, chain_hash) in enumerate(rows, start=1):
        if position != expected:
            result.fail(f"vote {expected} is missing or out of order")
        if option_id not in option_ids:
            result.fail(f"vote {position} is for an option not on the ballot")
        if receipt != receipt_for(public_id, option_id, nonce):
            result.fail(f"vote {position} does not match its receipt")
        if previous_hash != previous:
            result.fail(f"vote {position} does not follow the vote before it")
        if chain_hash != link(previous, position, receipt):
            result.fail(f"vote {position} has a chain hash that does not match")
        previous = chain_hash
        result.count += 1
        result.tallies[option_id] += 1
    result.final_hash = previous
    return result
