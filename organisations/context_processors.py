from organisations.access import active_memberships, acts_for_a_party
from organisations.navigation import navigation_for


def membership(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    current = request.membership
    current = current if current else None
    return {
        "current_membership": current,
        "memberships": active_memberships(user),
        "service_navigation": navigation_for(request, current),
        "acts_for_a_party": acts_for_a_party(user),
        "unread_notifications": user.notifications.filter(read_at__isnull=True).count(),
    }
