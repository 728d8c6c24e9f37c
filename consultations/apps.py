from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = "Consultations and ballots"
    # Where its pages live: almo_portal/urls.py includes the app's urls.py here.
    url_prefix = "consultations/"

    def ready(self):
        from consultations import demo, notices, report_sections
        from consultations.dashboard import dashboard_panel, home_panel, to_do
        from core import registries

        registries.navigation.register(registries.NavItem("Consultations", "consultations:consultation_list", order=70))
        registries.home_panels.register(registries.Panel("consultations/panels/home.html", home_panel, order=70))
        registries.dashboard_panels.register(
            registries.DashboardPanel("consultations", "consultations/panels/dashboard.html", dashboard_panel, order=70)
        )
        registries.to_do_sources.register(registries.ToDoSource("Consultations and ballots", to_do, order=70))
        report_sections.register()
        notices.register()
        registries.demo_loaders.register(
            registries.DemoLoader("Consultations and ballots", demo.load, order=70, sign_ins=demo.sign_ins)
        )
