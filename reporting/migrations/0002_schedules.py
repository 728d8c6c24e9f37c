"""The report schedules, kept by django-celery-beat so administrators can change them in the admin."""

import json

from django.db import migrations

SCHEDULES = [
    # (name, task, crontab: minute, hour, day_of_week, day_of_month)
    ("Monthly council variance reports", "reporting.tasks.monthly_council_variance_reports_task", ("0", "6", "*", "1")),
    ("Return deadline reminders", "reporting.tasks.return_deadline_reminders_task", ("0", "7", "*", "*")),
    ("Daily digest of what is due", "reporting.tasks.daily_digest_task", ("30", "7", "1-5", "*")),
]


def create(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    for name, task, (minute, hour, day_of_week, day_of_month) in SCHEDULES:
        crontab, _ = CrontabSchedule.objects.get_or_create(
            minute=minute, hour=hour, day_of_week=day_of_week, day_of_month=day_of_month, month_of_year="*",
            timezone="Europe/London",
        )
        PeriodicTask.objects.get_or_create(name=name, defaults={"task": task, "crontab": crontab, "args": json.dumps([])})
    every_five, _ = IntervalSchedule.objects.get_or_create(every=5, period="minutes")
    PeriodicTask.objects.get_or_create(
        name="Restart reports left by a stopped worker",
        defaults={"task": "reporting.tasks.requeue_stuck_reports_task", "interval": every_five, "args": "[]"},
    )


def remove(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    names = [name for name, _task, _cron in SCHEDULES] + ["Restart reports left by a stopped worker"]
    PeriodicTask.objects.filter(name__in=names).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create, remove)]
