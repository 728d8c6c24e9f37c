"""Keep a session that owes its two-factor step on the pages for that step.

The step is noted in the session as it signs in (`policy.note_step_on_sign_in`), so a session that owes nothing
costs this middleware no query. A request signed with an API token has no session user here, so it passes.
"""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect

from organisations.two_factor.policy import SET_UP, STEP_SESSION_KEY, VERIFY

# The pages each step may reach, besides signing out, the health page and the public pages.
STEP_PAGES = {
    VERIFY: "organisations:two_factor_verify",
    SET_UP: "organisations:two_factor_set_up",
}
ALWAYS_ALLOWED = {"logout", "health", "organisations:keep_alive"}


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        session = getattr(request, "session", None)
        step = session.get(STEP_SESSION_KEY) if session is not None else None
        if step not in STEP_PAGES or not request.user.is_authenticated:
            return None
        if request.user.is_verified():
            del session[STEP_SESSION_KEY]
            return None
        match = request.resolver_match
        name = match.view_name if match else ""
        if name == STEP_PAGES[step] or name in ALWAYS_ALLOWED or request.path.startswith(settings.STATIC_URL):
            return None
        if match and match.namespaces[:1] == ["api"]:
            # A session cookie on an API call: the session has not finished signing in. Tokens are unaffected.
            return JsonResponse({"detail": "Finish signing in with your security code first."}, status=403)
        if not getattr(view_func, "login_required", True):
            return None  # public pages (sign-in, password reset, the ballot) stay public
        return redirect(STEP_PAGES[step])
