from django.apps import AppConfig


class DeliveryPlansConfig(AppConfig):
    name = "delivery_plans"
    verbose_name = "Delivery plans"
    # Where its pages live: almo_portal/urls.py includes the app\'s urls.py here.
    url_prefix = "delivery-plans/"

    def ready(self):
        from core import registries
        from delivery_plans import agenda, demo, notices, report_sections
        from delivery_plans.dashboard import home_panel, to_do
        from organisations.access import Role

        registries.home_panels.register(registries.Panel("delivery_plans/panels/home.html", home_panel, order=10))
        registries.to_do_sources.register(registries.ToDoSource("Delivery plans", to_do, order=10))
        for item in (
            registries.NavItem("Delivery plans", "delivery_plans:plan_list", order=20),
            registries.NavItem(
                "Review queue", "delivery_plans:review_queue", frozenset({Role.COUNCIL_OFFICER}), order=30
            ),
            registries.NavItem("Variances", "delivery_plans:variance_list", order=40),
        ):
            registries.navigation.register(item)
        report_sections.register()
        agenda.register()
        notices.register()
        registries.demo_loaders.register(registries.DemoLoader("Delivery plans", demo.load, order=20))
