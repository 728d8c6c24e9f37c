"""The demo as people see it: it loads twice without change, and every page shows something real to each role."""

import pytest
from django.test import Client
from django.urls import reverse

from inspections.models import (
    Answer,
    Assessment,
    DeadlineExtension,
    Evidence,
    EvidenceVersion,
    ImprovementAction,
    Inspection,
    SupportRecord,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    from inspections import demo
    from organisations import demo as organisations_demo

    organisations_demo.load()
    demo.load()


def counts():
    models = (Assessment, Answer, Evidence, EvidenceVersion, Inspection, ImprovementAction, SupportRecord)
    return {model.__name__: (model.objects.count(), model.history.count()) for model in models}


def test_the_demo_loads_twice_without_change(demo):
    from inspections import demo as inspections_demo

    before = counts()
    inspections_demo.load()
    assert counts() == before
    assert Assessment.objects.count() == 5
    assert DeadlineExtension.objects.filter(status="agreed", almo__slug="ashby-vale-homes").exists()


def pages(almo, assessment, inspection, action, evidence):
    return [
        reverse("inspections:index"),
        reverse("inspections:framework_list"),
        reverse("inspections:framework_detail", args=[assessment.framework_id]),
        assessment.get_absolute_url(),
        reverse("inspections:answer_edit", args=[assessment.answers.first().pk]),
        reverse("inspections:evidence_list") + f"?almo={almo.pk}",
        evidence.get_absolute_url(),
        reverse("inspections:inspection_list"),
        inspection.get_absolute_url(),
        reverse("inspections:calendar"),
        reverse("inspections:calendar_feed_settings"),
        reverse("inspections:action_list") + f"?almo={almo.pk}",
        action.get_absolute_url(),
        reverse("inspections:support_list") + f"?almo={almo.pk}",
        reverse("inspections:deadline", args=[almo.pk]),
        reverse("home"),
    ]


ROLES = [
    ("council.officer", "harrowfield-north-homes"),
    ("north.staff", "harrowfield-north-homes"),
    ("board.member", "harrowfield-north-homes"),
    ("ashby.staff", "ashby-vale-homes"),
    ("ashby.officer", "ashby-vale-homes"),
    ("observer", "kelworth-homes"),
]


def test_every_page_shows_the_demo_to_each_role(demo):
    for username, slug in ROLES:
        check_pages(username, slug)


def check_pages(username, slug):
    from django.contrib.auth import get_user_model

    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    assessment = Assessment.objects.get(almo__slug=slug)
    almo = assessment.almo
    inspection = Inspection.objects.filter(almo=almo).first()
    action = ImprovementAction.objects.filter(almo=almo).first()
    evidence = Evidence.objects.filter(almo=almo).first()
    for url in pages(almo, assessment, inspection, action, evidence):
        response = client.get(url)
        assert response.status_code == 200, (username, url, response.status_code)
    assert almo.name in client.get(reverse("inspections:index")).content.decode()


def test_the_demo_shows_its_warnings(demo):
    from django.contrib.auth import get_user_model

    client = Client()
    client.force_login(get_user_model().objects.get(username="council.officer"))
    index = client.get(reverse("inspections:index")).content.decode()
    assert "under six months after" in index  # Harrowfield South's two inspections
    calendar = client.get(reverse("inspections:calendar")).content.decode()
    assert "within 14 days of each other" in calendar  # North's regulator inspection and internal audit
    client.force_login(get_user_model().objects.get(username="ashby.officer"))
    deadline = client.get(
        reverse("inspections:deadline", args=[Assessment.objects.get(almo__slug="ashby-vale-homes").almo_id])
    )
    assert "Due within 3 months: by 31 March 2027" in deadline.content.decode()
