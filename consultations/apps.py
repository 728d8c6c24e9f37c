from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = "Consultations and ballots"
    # Uncomment when the app has pages: almo_portal/urls.py then includes its urls.py here.
    # url_prefix = "consultations/"
