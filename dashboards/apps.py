from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "dashboards"
    verbose_name = "Dashboards"
    # Where its pages live: almo_portal/urls.py includes the app's urls.py here.
    url_prefix = "dashboards/"

    def ready(self):
        from core import registries

        registries.navigation.register(registries.NavItem("Dashboard", "dashboards:index", order=15))
