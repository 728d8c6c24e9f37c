"""The code page of signing in, and the "Two-factor sign-in" pages of a person's account."""

from __future__ import annotations

from axes.handlers.proxy import AxesProxyHandler
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.signals import user_login_failed
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import DEVICE_ID_SESSION_KEY, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from organisations.security_audit import two_factor_event
from organisations.sign_in import PENDING_SESSION_KEY, locked_out, pending_sign_in
from organisations.two_factor import services
from organisations.two_factor.forms import CodeForm
from organisations.two_factor.policy import STEP_SESSION_KEY, is_required
from organisations.two_factor.qr import qr_svg, secret_for_typing

HOME = "home"


def _refused(request, user, form: CodeForm, event: str = "code refused") -> None:
    """A wrong code counts as a failed sign-in, towards the same lockout as wrong passwords."""
    form.refuse()
    two_factor_event(request, user, event, warning=True)
    user_login_failed.send(sender=__name__, credentials={"username": user.get_username()}, request=request)


def _code_used(request, user, device) -> None:
    if isinstance(device, StaticDevice):
        left = services.recovery_codes_left(user=user)
        two_factor_event(request, user, "recovery code used", left=left)
        messages.info(
            request,
            f"You used a recovery code. You have {left} left. You can make new ones under Two-factor sign-in.",
        )
    else:
        two_factor_event(request, user, "verified")


@login_not_required
@never_cache
@sensitive_post_parameters("code")
def verify(request):
    """The second step: a code from the app or a recovery code, before the session is signed in and verified."""
    user, pending = pending_sign_in(request)
    if user is None and request.user.is_authenticated:
        # A session signed in some other way (the admin's sign-in page) that still owes its code.
        user = request.user
        if user.is_verified() or not user_has_device(user):
            return redirect(HOME)
    elif user is None:
        messages.info(request, "Sign in again to carry on.")
        return redirect("login")
    credentials = {"username": user.get_username()}
    if AxesProxyHandler.is_locked(request, credentials):
        return locked_out(request)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = services.code_check(user=user, code=form.cleaned_data["code"])
        if device is None:
            _refused(request, user, form)
        else:
            _code_used(request, user, device)
            if pending is not None:
                del request.session[PENDING_SESSION_KEY]
                # django-otp marks the new session verified with the device carried on the user.
                user.otp_device = device
                login(request, user, backend=pending["backend"])
                # LoginView checked the address was this site's before the password step saved it.
                return redirect(pending["next"])
            otp_login(request, device)
            request.session.pop(STEP_SESSION_KEY, None)
            return redirect(HOME)
    return render(request, "organisations/two_factor/verify.html", {"form": form}, status=400 if form.errors else 200)


def _needs_code_first(request) -> bool:
    """A change to someone's two-factor sign-in needs a session that has given a code, if they have a device."""
    return not request.user.is_verified() and user_has_device(request.user)


@never_cache
def account(request):
    if _needs_code_first(request):
        return redirect("organisations:two_factor_verify")
    user = request.user
    context = {
        "has_app": user_has_device(user),
        "required": is_required(user),
        "codes_left": services.recovery_codes_left(user=user),
    }
    return render(request, "organisations/two_factor/account.html", context)


@never_cache
@sensitive_post_parameters("code")
def set_up(request):
    """Set up an authenticator app, or replace one: scan or type the secret, then prove it with a code."""
    if _needs_code_first(request):
        return redirect("organisations:two_factor_verify")
    user = request.user
    device = services.app_start(user=user)
    form = CodeForm(request.POST or None, recovery_allowed=False)
    if request.method == "POST" and form.is_valid():
        codes = services.app_confirm(user=user, device=device, code=form.cleaned_data["code"])
        if codes is None:
            form.refuse()
            two_factor_event(request, user, "set-up code refused", warning=True)
        else:
            device.refresh_from_db()
            otp_login(request, device)
            request.session.pop(STEP_SESSION_KEY, None)
            two_factor_event(request, user, "set up")
            # Shown on this response only: not redirected, so the codes are never kept in the session.
            context = {"codes": codes, "just_set_up": True}
            return render(request, "organisations/two_factor/recovery_codes.html", context)
    context = {
        "form": form,
        "qr_code": qr_svg(device.config_url, label="QR code to scan with your authenticator app"),
        "secret": secret_for_typing(device.bin_key),
        "replacing": user_has_device(user),
        "required": is_required(user),
    }
    return render(request, "organisations/two_factor/set_up.html", context, status=400 if form.errors else 200)


@never_cache
@require_POST
def recovery_codes(request):
    """A new set of recovery codes, shown once; the old set stops working."""
    if _needs_code_first(request):
        return redirect("organisations:two_factor_verify")
    if not user_has_device(request.user):
        raise Http404
    codes = services.recovery_codes_replace(user=request.user)
    two_factor_event(request, request.user, "recovery codes replaced")
    return render(request, "organisations/two_factor/recovery_codes.html", {"codes": codes, "just_set_up": False})


@never_cache
@sensitive_post_parameters("code")
def remove(request):
    """Turn two-factor sign-in off, for a person who need not use it, after they give a code."""
    if _needs_code_first(request):
        return redirect("organisations:two_factor_verify")
    user = request.user
    if not user_has_device(user) or is_required(user):
        raise Http404
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.code_check(user=user, code=form.cleaned_data["code"]) is None:
            _refused(request, user, form, "code refused when turning off")
        else:
            services.two_factor_remove(user=user)
            request.session.pop(DEVICE_ID_SESSION_KEY, None)
            two_factor_event(request, user, "removed")
            messages.success(request, "Two-factor sign-in is off. You will sign in with your password only.")
            return redirect("organisations:two_factor")
    return render(request, "organisations/two_factor/remove.html", {"form": form}, status=400 if form.errors else 200)
