"""Which of a person's memberships they are acting under, chosen with the organisation switcher."""

from django.utils.functional import SimpleLazyObject

from organisations.access import active_memberships

SESSION_KEY = "current_membership_id"


def current_membership(request):
    user = request.user
    if not user.is_authenticated:
        return None
    # The oldest membership is the default: the model's ordering (by the person's name) ties between a person's own.
    memberships = active_memberships(user)
    if not memberships:
        return None
    chosen = request.session.get(SESSION_KEY)
    for membership in memberships:
        if membership.pk == chosen:
            return membership
    return memberships[0]


class CurrentMembershipMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.membership = SimpleLazyObject(lambda: current_membership(request))
        return self.get_response(request)
