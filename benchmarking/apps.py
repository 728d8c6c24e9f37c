from django.apps import AppConfig


class BenchmarkingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "benchmarking"
    verbose_name = "Benchmarking"
    # Where its pages live: almo_portal/urls.py includes the app\'s urls.py here.
    url_prefix = "benchmarking/"

    def ready(self):
        from benchmarking import demo, report_sections
        from core import registries

        registries.navigation.register(registries.NavItem("Benchmarking", "benchmarking:index", order=90))
        registries.demo_loaders.register(registries.DemoLoader("Peer groups", demo.load, order=30))
        report_sections.register()
