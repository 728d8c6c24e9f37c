"""The regulatory calendar across a council's ALMOs, its overlap warnings, and the iCalendar feed."""

import datetime as dt

from dateutil.relativedelta import relativedelta
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from core import clock
from core.forms import attach_errors
from inspections import selectors, services
from inspections.feeds import icalendar_for
from inspections.forms.inspections import CalendarEntryForm
from inspections.models import CalendarFeed
from inspections.views.common import almo_from_query, form_page
from organisations.access import acting_party
from organisations.models import Almo, Council

MONTHS_SHOWN = 12


def calendar(request):
    almo = almo_from_query(request)
    today = clock.today()
    start = today.replace(day=1) - relativedelta(months=1)
    end = start + relativedelta(months=MONTHS_SHOWN + 1) - dt.timedelta(days=1)
    events = selectors.calendar_events(request.user, start, end, almo=almo)
    months = []
    for event in events:
        label = f"{event.starts_on:%B %Y}"
        if not months or months[-1][0] != label:
            months.append((label, []))
        months[-1][1].append(event)
    can_add = bool(_almos_for_entries(request.user)) or Council.objects.restrict(request.user, "change").exists()
    return render(
        request,
        "inspections/calendar.html",
        {
            "almo": almo,
            "almos": Almo.objects.restrict(request.user).order_by("name"),
            "months": months,
            "warnings": selectors.overlap_warnings(events),
            "start": start,
            "end": end,
            "can_add": can_add,
        },
    )


def _almos_for_entries(user):
    return [almo.pk for almo in Almo.objects.restrict(user) if acting_party(user, almo)]


def calendar_entry_add(request):
    almo_ids = _almos_for_entries(request.user)
    councils = list(Council.objects.restrict(request.user, "change"))
    if not almo_ids:
        raise PermissionDenied("Only an ALMO's staff and its council's officers can add to the calendar.")
    form = CalendarEntryForm(request.POST or None, almos=Almo.objects.filter(pk__in=almo_ids).order_by("name"))
    if not councils:
        # ALMO staff add dates for their own ALMO; only the council adds a date for all of its ALMOs.
        form.fields["almo"].required = True
        form.fields["almo"].empty_label = None
    if request.method == "POST" and form.is_valid():
        almo = form.cleaned_data.pop("almo")
        council = almo.council if almo else councils[0]
        try:
            services.calendar_entry_add(actor=request.user, council=council, almo=almo, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "The date is in the calendar.")
            return HttpResponseRedirect(reverse("inspections:calendar"))
    return form_page(request, "inspections/calendar_entry_form.html", {"form": form})


def calendar_feed_settings(request):
    """Make, replace or revoke the person's secret calendar address."""
    feeds = CalendarFeed.objects.restrict(request.user, "change")
    live = feeds.live().first()
    new_url = None
    if request.method == "POST":
        if "revoke" in request.POST and live:
            services.calendar_feed_revoke(actor=request.user, feed=live)
            messages.success(request, "Your calendar address no longer works. Calendar apps will stop updating.")
            return HttpResponseRedirect(reverse("inspections:calendar_feed_settings"))
        live, key = services.calendar_feed_create(actor=request.user)
        new_url = request.build_absolute_uri(reverse("inspections:calendar_feed", args=[key]))
    return render(request, "inspections/calendar_feed.html", {"live": live, "new_url": new_url})


@login_not_required  # calendar apps cannot sign in: the secret key in the address is the credential
def calendar_feed(request, key):
    feed = (
        CalendarFeed.objects.live()
        .select_related("user")
        .filter(key_hash=services.feed_key_hash(key), user__is_active=True)
        .first()
    )
    if feed is None:
        return HttpResponse(
            "This calendar address is not valid, or has been revoked.", status=403, content_type="text/plain"
        )
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=timezone.now())
    today = clock.today()
    events = selectors.calendar_events(feed.user, today - relativedelta(months=12), today + relativedelta(months=24))
    response = HttpResponse(icalendar_for(events, request), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="inspections.ics"'
    response["Cache-Control"] = "private, no-store"
    return response
