"""A note of each reminder sent, so a reminder run twice in a day (or a redelivered task) sends nothing twice."""

from django.db import models


class ReminderSent(models.Model):
    """One reminder, named by what it is about and when: its key is unique, so it is sent at most once."""

    key = models.CharField(max_length=200, unique=True)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]

    def __str__(self):
        return self.key
