"""Every login, failed login and logout, through whichever view, leaves an audit row; failures
feed the throttle and a login clears its username's failures. Connected in ``AccountsConfig``."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction

from kuntakokeilu.accounts import throttle
from kuntakokeilu.accounts.session_limit import stamp_login
from kuntakokeilu.audit.log import record

AUDITED = {"purpose": "administration", "object_kind": "session"}


def on_login(sender, request, user, **kwargs) -> None:
    with transaction.atomic():
        throttle.clear_failures(user.get_username())
        if request is not None and hasattr(request, "session"):
            stamp_login(request.session)
        record(actor=user, action="login", object_id=user.pk, request=request, **AUDITED)


def on_login_failed(sender, credentials, request=None, **kwargs) -> None:
    """``credentials`` come with the password already masked by Django; it is not used."""
    username = credentials.get(get_user_model().USERNAME_FIELD, "")
    with transaction.atomic():
        throttle.record_failure(username, throttle.address_of(request))
        audit_refusal(request, username, "wrong username or password")


def on_logout(sender, request, user, **kwargs) -> None:
    """``user`` is None when nobody was signed in: nothing ended, nothing to write."""
    if user is None:
        return
    reason = getattr(request, "logout_reason", "")
    record(
        actor=user, action="logout", object_id=user.pk, request=request, detail=reason, **AUDITED
    )


def audit_refusal(request, username: str, why: str) -> None:
    """A ``denied`` row naming the account tried; a username nobody has is not written down
    (it may be a password typed in the wrong field)."""
    model = get_user_model()
    user = model._default_manager.filter(**{model.USERNAME_FIELD: username}).first()
    who = f"login as {user.get_username()}" if user else "login with an unknown username"
    record(
        actor=None,
        action="denied",
        object_id=user.pk if user else None,
        request=request,
        success=False,
        detail=f"{who}: {why}",
        **AUDITED,
    )
