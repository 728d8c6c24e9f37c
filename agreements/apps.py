from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = "Management agreements"
    # Uncomment when the app has pages: almo_portal/urls.py then includes its urls.py here.
    # url_prefix = "agreements/"
