from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "organisations"
    verbose_name = "Councils, ALMOs and people"

    def ready(self):
        from core import registries

        # security_audit, session_timeout and two_factor.policy connect their sign-in signal receivers on import.
        from organisations import demo, navigation, security_audit, session_timeout  # noqa: F401
        from organisations.two_factor import policy  # noqa: F401

        navigation.register()
        registries.demo_loaders.register(
            registries.DemoLoader("Organisations and people", demo.load, 10, demo.sign_ins)
        )
