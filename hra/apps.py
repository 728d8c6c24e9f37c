from django.apps import AppConfig


class HraConfig(AppConfig):
    name = "hra"
    verbose_name = "Housing Revenue Account"
    # Uncomment when the app has pages: almo_portal/urls.py then includes its urls.py here.
    # url_prefix = "hra/"
