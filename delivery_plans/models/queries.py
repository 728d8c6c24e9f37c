"""Queries: a council officer's question on one figure in a return, and the thread that answers it."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from delivery_plans import querysets
from delivery_plans.models.returns import Actual
from organisations.access import Party


class Query(models.Model):
    """A council officer's question on one indicator in a return: a thread the ALMO answers."""

    class Status(models.TextChoices):
        OPEN = "open", "Waiting for the ALMO"
        ANSWERED = "answered", "Answered"
        CLOSED = "closed", "Closed"

    actual = models.ForeignKey(Actual, on_delete=models.CASCADE, related_name="queries")
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = querysets.QueryQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at"]
        verbose_name_plural = "queries"

    def __str__(self):
        return f"Query on {self.actual}"


class QueryMessage(models.Model):
    """One message in a query thread."""

    query = models.ForeignKey(Query, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    party = models.CharField(max_length=8, choices=Party.choices)
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_party_display()} on {self.created_at:%d %b %Y}"
