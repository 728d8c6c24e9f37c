from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = "Reports and returns"
    # Where its pages live: almo_portal/urls.py includes the app\'s urls.py here.
    url_prefix = "reports/"

    def ready(self):
        from core import registries
        from reporting import (
            demo,
            reports,  # noqa: F401  (registers the report sections' system check)
        )
        from reporting.dashboard import board_pack_panel, home_panel

        registries.home_panels.register(registries.Panel("reporting/panels/home.html", home_panel, order=50))
        registries.dashboard_panels.register(
            registries.DashboardPanel(
                "board_pack",
                "reporting/panels/board_pack.html",
                board_pack_panel,
                frozenset({registries.BOARD_DASHBOARD}),
                order=5,
            )
        )
        registries.navigation.register(registries.NavItem("Reports", "reporting:run_list", order=80))
        registries.demo_loaders.register(registries.DemoLoader("A board pack ready to read", demo.load, order=40))
