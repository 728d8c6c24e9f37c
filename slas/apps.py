from django.apps import AppConfig


class SlasConfig(AppConfig):
    name = "slas"
    verbose_name = "Service level agreements"
    # Uncomment when the app has pages: almo_portal/urls.py then includes its urls.py here.
    # url_prefix = "slas/"
