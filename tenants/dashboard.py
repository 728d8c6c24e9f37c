"""The tenant voice panel on the home page: the latest survey results, and what waits for this person."""

from tenants import selectors
from tenants.models import Survey

PANEL_ROWS = 6


def home_panel(request):
    user = request.user
    surveys = list(Survey.objects.restrict(user).filter(achieved__gt=0).select_related("almo")[: PANEL_ROWS * 2])
    to_agree = selectors.surveys_awaiting_my_agreement(user).count()
    to_respond = selectors.recommendations_awaiting(user).count()
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
