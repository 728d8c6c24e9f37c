"""Delivery Plan forms, one module per subdomain; import from the module that owns the form."""
