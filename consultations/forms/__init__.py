"""Forms for consultations and ballots."""
