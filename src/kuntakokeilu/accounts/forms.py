"""The login form: Django's ``AuthenticationForm`` behind the throttle, with accessible errors."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext_lazy as _

from kuntakokeilu.accounts import throttle
from kuntakokeilu.accounts.signals import audit_refusal

#: The id of the form-level error summary the inputs point at (aria-describedby).
ERRORS_ID = "login-errors"


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        widget=forms.TextInput(
            attrs={"autofocus": True, "autocomplete": "username", "autocapitalize": "none"}
        ),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": _("The username or the password is not correct."),
        "inactive": _("This account is not in use."),
        "locked": _(
            "Too many failed sign-in attempts. Signing in is locked until %(time)s; try again then."
        ),
    }

    def clean(self):
        self.refuse_while_locked()
        try:
            return super().clean()
        except ValidationError:
            self.point_fields_at_errors(invalid=True)
            raise

    def refuse_while_locked(self) -> None:
        """Refuse before the password is checked: while locked, the right one fails too."""
        username = self.cleaned_data.get("username")
        until = throttle.locked_until(username, throttle.address_of(self.request))
        if until is None:
            return
        audit_refusal(self.request, username or "", f"locked until {until:%Y-%m-%d %H:%M:%S} UTC")
        self.point_fields_at_errors(invalid=False)
        raise ValidationError(
            self.error_messages["locked"], code="locked", params={"time": local_time(until)}
        )

    def get_invalid_login_error(self) -> ValidationError:
        return ValidationError(self.error_messages["invalid_login"], code="invalid_login")

    def point_fields_at_errors(self, *, invalid: bool) -> None:
        """Tie the form-level error to both inputs, as field errors are tied to theirs."""
        for name in ("username", "password"):
            described = [ERRORS_ID]
            if name in self._errors:
                described.append(f"{self[name].auto_id}_error")
            attrs = self.fields[name].widget.attrs
            attrs["aria-describedby"] = " ".join(described)
            if invalid:
                attrs["aria-invalid"] = "true"


def local_time(moment: dt.datetime) -> str:
    """``moment`` as a local clock time in the reader's format, rounded up to the minute (the
    lock has surely ended at the time shown)."""
    local = timezone.localtime(moment)
    minute = local.replace(second=0, microsecond=0)
    return time_format(minute if minute == local else minute + dt.timedelta(minutes=1))
