from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "organisations"
    verbose_name = "Councils, ALMOs and people"

    def ready(self):
        from core import registries
        from organisations import demo, navigation

        navigation.register()
        registries.demo_loaders.register(
            registries.DemoLoader("Organisations and people", demo.load, 10, demo.sign_ins)
        )
