from django.urls import include, path

from tests.plugin_app import plugin

app_name = "plugin_app"
urlpatterns = [path("", plugin.index, name="index")]

# The portal's URLs with the plugin's included, as a project adds an app's URL include.
root_urlpatterns = [path("", include("almo_portal.urls")), path("plugin/", include("tests.plugin_app.urls"))]
