"""Consultations with tenants on an ALMO's future, the 2011 checklist, and secret ballots tenants can trust.

A council reviewing its ALMO's future (for example bringing management back in-house) must test tenants' opinion at
least as rigorously as when the ALMO was set up: by ballot if tenants voted then (`FoundingTest`), overseen by an
external organisation, with the 2011 checklist confirmed item by item before the council records its decision.

What the ballot guarantees, and to whom
---------------------------------------
*Secrecy.* A vote (`Vote`) holds its option, a random nonce, its receipt and its place in the hash chain: no
reference to a code or a tenancy, no timestamp, no audit history. Voting codes (`VotingCode`) hold a keyed hash, a
status and their tenancy, with no timestamp and no history. Nothing is logged when a vote is cast; the code travels
in the form's body, never in an address, so no access log holds it. The receipt list is published in receipt
order, never the order of casting.

*One code, one vote.* A code is spent by a conditional update inside the transaction that appends the vote, with
the ballot's row locked; of two requests racing with one code exactly one counts. A tenancy has at most one live
code (a partial unique constraint); a reissued code voids the old one, and is refused once the tenancy has voted.

*Codes.* 80 random bits (see codes.py for why that makes guessing hopeless), printed once on a letter made by a
worker; the letters file can be downloaded once and is then deleted. At rest a code is only an HMAC-SHA-256 under a
key the database does not hold. A wrong, used or void code gets one message, and failures are rate-limited per
client and per ballot.

*Sealed results.* Until the overseer closes the ballot nobody, administrators included, sees a count by option
through any page, the API, an export, a report or the admin: only the number who have voted. At the close the
count and the chain's final hash are sealed; the overseer verifies the chain and recounts before publishing.

*Integrity.* Votes form an append-only hash chain (chain.py); PostgreSQL refuses to update or delete a vote (a
trigger), and if someone with the power to disable it changes, removes or reorders a vote, verification (the
ballot's page and `manage.py verify_ballot`) fails against the hash sealed at the close. A voter finds their
receipt in the published list, and the recount checks each receipt against its vote's option.

What each party can and cannot learn
------------------------------------
- *Tenants* can check their vote was counted (their receipt is listed) and that the published count matches the
  chain; they cannot prove to anyone how they voted (the receipt does not reveal the option), so nobody can buy
  or coerce a provable vote.
- *The council's officers* see the register of tenancies, turnout as a number while voting is open, and turnout
  by tenure and by area after the close (counts under five suppressed). They can learn whether one tenancy has
  voted (a reissue is refused once it has); never how. They see the count only once it is published.
- *The overseer* (an observer membership named on the ballot) closes, verifies and publishes; they see the sealed
  count between the close and publication. They do not see the register or any vote.
- *The ALMO's staff and board, and other observers,* see the consultation, turnout as a number, and the published
  result; never the register.
- *The portal's administrators* see none of this through the admin (votes and codes are not there) and the sealed
  count only once published.
- *The database administrator* can see which tenancies have voted (used codes), not how: no stored row links a
  vote to a code. They can count votes by option in the database before the close, which the portal cannot
  prevent for someone who holds the database. PostgreSQL's own bookkeeping (the transaction id on each row, the
  write-ahead log) and someone watching the database live while a vote is cast can tie a vote to the code spent in
  the same transaction: the portal removes every link it stores, not the database engine's internals. Guarding the
  database server and its backups is therefore part of running a ballot. Reading codes from the hashes needs the
  key, and even with it, testing 2^80 codes.
"""
