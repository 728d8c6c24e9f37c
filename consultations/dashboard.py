"""The consultations panel on the home page: consultations under way, and ballots waiting for their overseer."""

from consultations.models import Ballot, Consultation


def home_panel(request):
    user = request.user
    consultations = list(
        Consultation.objects.restrict(user).active().select_related("almo", "ballot").order_by("almo__name", "-pk")[:10]
    )
    to_oversee = Ballot.objects.overseen_by(user).exclude(status=Ballot.Status.PUBLISHED).count()
    if not consultations and not to_oversee:
        return None
    return {"consultations": consultations, "to_oversee": to_oversee}
