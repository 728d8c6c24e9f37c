from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every app shares and no app owns. It imports no other app of the portal."""

    name = "core"
    verbose_name = "Shared"

    def ready(self):
        from core import freshness

        freshness.watch_writes()
