from django.apps import AppConfig


class TenantsConfig(AppConfig):
    name = "tenants"
    verbose_name = "Tenant voice"
    # Uncomment when the app has pages: almo_portal/urls.py then includes its urls.py here.
    # url_prefix = "tenants/"
