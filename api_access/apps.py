from django.apps import AppConfig


class ApiAccessConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "api_access"
    verbose_name = "API access"

    def ready(self):
        # Registers the Bearer token scheme with drf-spectacular, so the schema documents it.
        from api_access import schema  # noqa: F401
