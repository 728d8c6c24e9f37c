from django.db import migrations


def load(apps, schema_editor):
    from agreements.ladder import load_ladder

    load_ladder(apps.get_model("agreements", "InterventionStage"), apps.get_model("agreements", "StageDeadline"))


class Migration(migrations.Migration):
    dependencies = [("agreements", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
