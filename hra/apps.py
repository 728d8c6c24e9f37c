from django.apps import AppConfig


class HraConfig(AppConfig):
    name = "hra"
    verbose_name = "Housing Revenue Account"
    # Where its pages live: almo_portal/urls.py includes the app's urls.py here.
    url_prefix = "hra/"

    def ready(self):
        from core import registries
        from hra import demo, figures, notices, report_sections
        from hra.dashboard import dashboard_panel, home_panel, to_do

        registries.home_panels.register(registries.Panel("hra/panels/home.html", home_panel, order=25))
        registries.dashboard_panels.register(
            registries.DashboardPanel("hra", "hra/panels/dashboard.html", dashboard_panel, order=20)
        )
        registries.to_do_sources.register(registries.ToDoSource("HRA and Decent Homes", to_do, order=30))
        registries.navigation.register(registries.NavItem("HRA", "hra:index", order=45))
        report_sections.register()
        notices.register()
        figures.register()
        registries.demo_loaders.register(registries.DemoLoader("HRA and Decent Homes", demo.load, order=38))
