"""The tenant voice panel on the home page: the latest survey results, and what waits for this person."""

from django.urls import reverse

from core import registries
from tenants import selectors
from tenants.models import Survey

PANEL_ROWS = 6


def home_panel(request):
    user = request.user
    surveys = Survey.objects.restrict(user)
    return _panel(
        surveys,
        selectors.surveys_awaiting_my_agreement(user).count(),
        selectors.recommendations_awaiting(user).count(),
    )


def dashboard_panel(scope: registries.DashboardScope) -> dict | None:
    """The latest survey results of the dashboard's ALMOs; what waits for the person is on the to-do list instead."""
    return _panel(Survey.objects.restrict(scope.user).filter(almo__in=scope.almo_ids), 0, 0)


def to_do(user, almos, today) -> list[registries.ToDo]:
    almo_ids = [almo.pk for almo in almos]
    to_agree = selectors.surveys_awaiting_my_agreement(user).filter(almo__in=almo_ids).count()
    to_respond = selectors.recommendations_awaiting(user).filter(group__almo__in=almo_ids).count()
    items = []
    if to_agree:
        items.append(registries.ToDo("Tenant survey results to agree", reverse("tenants:survey_list"), to_agree))
    if to_respond:
        items.append(registries.ToDo("Tenants' recommendations to answer", reverse("tenants:group_list"), to_respond))
    return items


def _panel(surveys, to_agree: int, to_respond: int) -> dict | None:
    surveys = list(surveys.filter(achieved__gt=0).select_related("almo")[: PANEL_ROWS * 2])
    if not surveys and not to_agree and not to_respond:
        return None
    # The latest survey of each ALMO and tenure: the list is newest year first.
    latest = {}
    for survey in surveys:
        latest.setdefault((survey.almo_id, survey.tenure), survey)
    shown = list(latest.values())[:PANEL_ROWS]
    counts = selectors.counts_for_surveys(shown)
    rows = [
        {
            "survey": survey,
            "tp01": selectors.results_from_counts(survey, counts[survey.pk])[0],
            "precision": selectors.survey_precision(survey),
        }
        for survey in shown
    ]
    return {"rows": rows, "to_agree": to_agree, "to_respond": to_respond}
