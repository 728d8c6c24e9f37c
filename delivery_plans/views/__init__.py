"""Delivery Plan pages, one module per subdomain; `delivery_plans/urls.py` routes to each."""
