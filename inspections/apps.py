from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "inspections"
    verbose_name = "Inspections"
    # Where its pages live: almo_portal/urls.py includes the app's urls.py here.
    url_prefix = "inspections/"

    def ready(self):
        from core import registries
        from inspections import demo, notices, report_sections
        from inspections.dashboard import home_panel

        registries.home_panels.register(registries.Panel("inspections/panels/home.html", home_panel, order=40))
        for item in (
            registries.NavItem("Inspections", "inspections:index", order=60),
            registries.NavItem("Regulatory calendar", "inspections:calendar", order=65),
        ):
            registries.navigation.register(item)
        report_sections.register()
        notices.register()
        registries.demo_loaders.register(registries.DemoLoader("Inspection readiness", demo.load, order=60))
