from django.apps import AppConfig


class BenchmarkingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "benchmarking"
    verbose_name = "Benchmarking"

    def ready(self):
        from benchmarking import demo
        from core import registries

        registries.navigation.register(registries.NavItem("Benchmarking", "benchmarking:index", order=90))
        registries.demo_loaders.register(registries.DemoLoader("Peer groups", demo.load, order=30))
