from django.apps import AppConfig


class HraConfig(AppConfig):
    name = "hra"
    verbose_name = "Housing Revenue Account"
