from tests.plugin_app.urls import root_urlpatterns as urlpatterns  # noqa: F401
