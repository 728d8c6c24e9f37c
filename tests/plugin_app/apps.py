from django.apps import AppConfig


class PluginAppConfig(AppConfig):
    name = "tests.plugin_app"
    label = "plugin_app"

    def ready(self):
        from core import registries
        from core.reports import COUNCIL_VARIANCE
        from tests.plugin_app import plugin

        registries.navigation.register(registries.NavItem("Plugin records", "plugin_app:index", order=95))
        registries.report_sections.register(
            registries.ReportSection(
                COUNCIL_VARIANCE, "plugin_app/section.html", plugin.section, "Plugin section", order=90
            )
        )
        registries.demo_loaders.register(registries.DemoLoader("Plugin records", plugin.load_demo, 90, plugin.sign_ins))
        registries.reminders.register(registries.Reminder("Plugin reminders", plugin.remind, order=90))
        registries.digest.register(registries.DigestLines(plugin.digest_lines, order=90))
        registries.agenda_sources.register(
            registries.AgendaSource("plugin.items", "Plugin items", plugin.agenda_lines, order=95)
        )
        registries.figure_sources.register(registries.FigureSource("Plugin figures", plugin.figures))
