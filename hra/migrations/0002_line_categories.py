from django.db import migrations


def load(apps, schema_editor):
    from hra.categories import load_categories

    load_categories(apps.get_model("hra", "LineCategory"))


class Migration(migrations.Migration):
    dependencies = [("hra", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
