from django.apps import AppConfig


class TenantsConfig(AppConfig):
    name = "tenants"
    verbose_name = "Tenant voice"
    # Where its pages live: almo_portal/urls.py includes the app's urls.py here.
    url_prefix = "tenants/"

    def ready(self):
        from core import registries
        from tenants import demo, figures, notices, report_sections
        from tenants.dashboard import dashboard_panel, home_panel, to_do

        registries.home_panels.register(registries.Panel("tenants/panels/home.html", home_panel, order=60))
        registries.dashboard_panels.register(
            registries.DashboardPanel("tenants", "tenants/panels/dashboard.html", dashboard_panel, order=60)
        )
        registries.to_do_sources.register(registries.ToDoSource("Tenant voice", to_do, order=60))
        registries.navigation.register(registries.NavItem("Tenant voice", "tenants:survey_list", order=60))
        report_sections.register()
        notices.register()
        figures.register()
        # After the Delivery Plans loader (20), which the organisations' people (10) come before.
        registries.demo_loaders.register(registries.DemoLoader("Tenant voice", demo.load, order=60))
