"""Forms for inspection readiness, one module per subdomain."""
