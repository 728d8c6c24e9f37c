"""Consultations and ballots: models arrive with the issue that builds this part of the relationship."""
