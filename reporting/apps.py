from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = "Reports and returns"

    def ready(self):
        from organisations.dashboard import Panel, register
        from reporting.dashboard import home_panel

        register(Panel("reporting/panels/home.html", home_panel, order=50))
