from django.db import migrations


def load(apps, schema_editor):
    from inspections.framework_data import load_frameworks

    load_frameworks(
        apps.get_model("inspections", "Framework"),
        apps.get_model("inspections", "Area"),
        apps.get_model("inspections", "Question"),
    )


class Migration(migrations.Migration):
    dependencies = [("inspections", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
