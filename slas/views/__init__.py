"""Pages for service level agreements, one module per subdomain."""
