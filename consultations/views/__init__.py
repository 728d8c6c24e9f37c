"""Pages for consultations and ballots; `public.py` holds the voting pages, which need no account."""
