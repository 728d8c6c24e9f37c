"""The demo gives every tenant voice page something real to show, and loads twice without change."""

import pytest

from organisations import demo as organisations_demo
from tenants import demo, selectors
from tenants.models import InvolvementGroup, Recommendation, Survey, SurveyResponse

pytestmark = pytest.mark.django_db


def test_the_demo_loads_surveys_groups_and_recommendations(client):
    organisations_demo.load()
    demo.load()
    counts = (Survey.objects.count(), SurveyResponse.objects.count(), InvolvementGroup.objects.count())
    assert Survey.objects.count() == 16  # three years for five ALMOs, and Kelworth's shared owners
    assert Survey.objects.agreed().count() == 11
    assert Recommendation.objects.awaiting_response().count() == 10
    short = Survey.objects.get(almo__slug="ashby-vale-homes", year=2026)
    assert not selectors.survey_precision(short).meets and short.shortfall_reason
    central = Survey.objects.get(almo__slug="harrowfield-central-homes", year=2024)
    assert central.entry == Survey.Entry.AGGREGATE
    north = Survey.objects.get(almo__slug="harrowfield-north-homes", year=2025)
    assert selectors.tsm_results(north.almo, 2025)["TP01"].denominator > 900

    demo.load()
    assert (Survey.objects.count(), SurveyResponse.objects.count(), InvolvementGroup.objects.count()) == counts

    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="council.officer"))
    for url in ("/tenants/surveys/", north.get_absolute_url(), "/tenants/groups/", "/"):
        assert client.get(url).status_code == 200, url
