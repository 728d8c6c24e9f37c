from django.apps import AppConfig


class ApiAccessConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "api_access"
    verbose_name = "API access"
    # Where its pages live: almo_portal/urls.py includes the app\'s urls.py here.
    url_prefix = "account/api-tokens/"

    def ready(self):
        from api_access import schema, usage  # noqa: F401  (schema registers the Bearer token scheme)
        from core import registries

        registries.api_request_observers.register(registries.ApiRequestObserver(usage.record))
