"""Queries: a council officer questions one figure in a submitted return, and the ALMO answers."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from core.history import create_as, save_as
from delivery_plans.models import Actual, Query, QueryMessage, Return
from delivery_plans.services import notifying
from organisations.access import Party


@transaction.atomic
def actual_query(*, actor, actual: Actual, text: str) -> Query:
    """A council officer questions one line of a submitted return; the return goes back to the ALMO."""
    actual = Actual.objects.select_related("return_record").get_for(actor, "query", pk=actual.pk)
    return_record = Return.objects.select_for_update().get(pk=actual.return_record_id)
    if return_record.status not in (Return.Status.SUBMITTED, Return.Status.RESUBMITTED, Return.Status.QUERIED):
        raise ValidationError("Only a submitted return can be queried.")
    if not text or not text.strip():
        raise ValidationError({"text": "Enter your question for the ALMO."})
    query = create_as(actor, Query, actual=actual, raised_by=actor)
    create_as(actor, QueryMessage, query=query, author=actor, party=Party.COUNCIL, text=text.strip())
    if return_record.status != Return.Status.QUERIED:
        return_record.status = Return.Status.QUERIED
        save_as(actor, return_record, update_fields=["status"])
    notifying.query_raised(query, actor)
    return query


@transaction.atomic
def query_answer(*, actor, query: Query, text: str) -> Query:
    """The ALMO answers a query; the council closes it or asks again."""
    query = Query.objects.select_for_update().get_for(actor, "answer", pk=query.pk)
    if query.status == Query.Status.CLOSED:
        raise ValidationError("This query is closed.")
    if not text or not text.strip():
        raise ValidationError({"text": "Enter your answer to the query."})
    create_as(actor, QueryMessage, query=query, author=actor, party=Party.ALMO, text=text.strip())
    query.status = Query.Status.ANSWERED
    save_as(actor, query, update_fields=["status"])
    notifying.query_answered(query, actor)
    return query
