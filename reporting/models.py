"""Report runs: models arrive with the reporting work."""
