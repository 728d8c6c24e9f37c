from django.apps import AppConfig


class SlasConfig(AppConfig):
    name = "slas"
    verbose_name = "Service level agreements"
    # Where its pages live: almo_portal/urls.py includes the app's urls.py here.
    url_prefix = "slas/"

    def ready(self):
        from core import registries
        from slas import demo, notices, report_sections
        from slas.dashboard import dashboard_panel, home_panel, to_do

        registries.home_panels.register(registries.Panel("slas/panels/home.html", home_panel, order=40))
        registries.dashboard_panels.register(
            registries.DashboardPanel("slas", "slas/panels/dashboard.html", dashboard_panel, order=40)
        )
        registries.to_do_sources.register(registries.ToDoSource("Service level agreements", to_do, order=40))
        registries.navigation.register(registries.NavItem("SLAs", "slas:sla_list", order=55))
        report_sections.register()
        notices.register()
        registries.demo_loaders.register(registries.DemoLoader("Service level agreements", demo.load, order=37))
