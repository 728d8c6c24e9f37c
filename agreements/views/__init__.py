"""The agreements app's pages: function views, one module per subdomain."""
