from django.apps import AppConfig


class DeliveryPlansConfig(AppConfig):
    name = "delivery_plans"
    verbose_name = "Delivery plans"

    def ready(self):
        from delivery_plans.dashboard import home_panel
        from organisations.dashboard import Panel, register

        register(Panel("delivery_plans/panels/home.html", home_panel, order=10))
