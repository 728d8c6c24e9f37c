from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "inspections"
    verbose_name = "Inspections"
    # Where its pages live: almo_portal/urls.py includes the app's urls.py here.
    url_prefix = "inspections/"

    def ready(self):
        from core import registries
        from inspections import demo, notices, report_sections
        from inspections.dashboard import dashboard_panel, home_panel, to_do

        registries.home_panels.register(registries.Panel("inspections/panels/home.html", home_panel, order=40))
        registries.dashboard_panels.register(
            registries.DashboardPanel("inspections", "inspections/panels/dashboard.html", dashboard_panel, order=50)
        )
        registries.to_do_sources.register(registries.ToDoSource("Inspection readiness", to_do, order=50))
        for item in (
            registries.NavItem("Inspections", "inspections:index", order=60),
            registries.NavItem("Regulatory calendar", "inspections:calendar", order=65),
        ):
            registries.navigation.register(item)
        report_sections.register()
        notices.register()
        registries.demo_loaders.register(registries.DemoLoader("Inspection readiness", demo.load, order=60))
