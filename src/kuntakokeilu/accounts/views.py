"""Signing in and out, and the language switch that also remembers the choice in the profile."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from kuntakokeilu.accounts.forms import ERRORS_ID, LoginForm
from kuntakokeilu.accounts.models import Profile


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    extra_context = {"errors_id": ERRORS_ID}

    def form_valid(self, form):
        response = super().form_valid(form)
        remember_language(response, form.get_user())
        return response


def remember_language(response, user) -> None:
    """The language cookie follows the profile, so that the pages after signing out (the login
    page) stay in the user's language."""
    profile = getattr(user, "profile", None)
    if profile is not None:
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            profile.language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )


class LogoutView(auth_views.LogoutView):
    """POST only (Django's own rule): a link or an image cannot sign anybody out."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.info(request, _("You have signed out."))
        return response


@require_POST
def language(request):
    """Django's ``set_language`` (cookie, redirect to ``next``), and for a signed-in user the
    choice saved in the profile, which the language middleware follows from then on."""
    response = set_language(request)
    chosen = request.POST.get("language")
    if request.user.is_authenticated and chosen in dict(settings.LANGUAGES):
        Profile.objects.filter(user=request.user).update(language=chosen)
    return response
