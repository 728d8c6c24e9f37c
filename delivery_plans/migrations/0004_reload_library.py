from django.db import migrations


def load(apps, schema_editor):
    from delivery_plans.library import load_library

    load_library(apps.get_model("delivery_plans", "Indicator"))


class Migration(migrations.Migration):
    dependencies = [("delivery_plans", "0003_indicator_may_be_negative")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
