from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = "Management agreements"
    # Where its pages live: almo_portal/urls.py includes the app's urls.py here.
    url_prefix = "agreements/"

    def ready(self):
        from agreements import agenda_sources, dashboard, delegations, demo, notices, report_sections, selectors
        from core import registries

        registries.home_panels.register(registries.Panel("agreements/panels/home.html", selectors.home_panel, order=15))
        registries.dashboard_panels.register(
            registries.DashboardPanel(
                "agreements", "agreements/panels/dashboard.html", dashboard.dashboard_panel, order=30
            )
        )
        registries.to_do_sources.register(registries.ToDoSource("Management agreement", dashboard.to_do, order=20))
        for item in (
            registries.NavItem("Agreements", "agreements:agreement_list", order=50),
            registries.NavItem("Meetings", "agreements:meeting_list", order=51),
        ):
            registries.navigation.register(item)
        agenda_sources.register()
        delegations.register()
        report_sections.register()
        notices.register()
        registries.demo_loaders.register(
            registries.DemoLoader("Management agreements and meetings", demo.load, order=35)
        )
