"""Tenants and consultations: models arrive with the issue that builds this part of the relationship."""
