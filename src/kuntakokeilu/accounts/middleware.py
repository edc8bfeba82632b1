"""Session limits and the user's language. Both go after Django's ``AuthenticationMiddleware``
and ``MessageMiddleware`` (and so after ``LocaleMiddleware``), the session limit first:

    "kuntakokeilu.accounts.middleware.AbsoluteSessionLimitMiddleware",
    "kuntakokeilu.accounts.middleware.ProfileLanguageMiddleware",
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext as _

from kuntakokeilu.accounts.session_limit import is_too_old


class AbsoluteSessionLimitMiddleware:
    """A session older than ``SESSION_ABSOLUTE_SECONDS`` since its login ends at the next
    request: the user is signed out (audited) and sent to the login page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and is_too_old(request.session):
            return self.end_session(request)
        return self.get_response(request)

    @staticmethod
    def end_session(request):
        request.logout_reason = "absolute session limit"
        logout(request)
        messages.info(request, _("Your session has ended. Please sign in again."))
        return login_again(request)


def login_again(request):
    """To the login page; back here afterwards when "here" is a page (not a form's POST)."""
    if request.method in ("GET", "HEAD"):
        return redirect_to_login(request.get_full_path())
    return redirect(settings.LOGIN_URL)


class ProfileLanguageMiddleware:
    """A signed-in user reads the service in the language of their profile."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = profile_language(request.user)
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)


def profile_language(user) -> str | None:
    if not user.is_authenticated:
        return None
    profile = getattr(user, "profile", None)
    return profile.language if profile is not None else None
