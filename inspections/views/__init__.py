"""Pages for inspection readiness, one module per subdomain."""
