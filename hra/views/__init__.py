"""The HRA and Decent Homes pages, one module per subdomain."""
