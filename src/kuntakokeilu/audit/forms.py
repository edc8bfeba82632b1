"""The data-protection officer's search: a client by identity code, with the purpose of the look."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from kuntakokeilu.audit.models import Purpose
from kuntakokeilu.rules.identity import birth_date, problem

#: The shape of a whole code (ASCII; python-stdnum then judges it in ``rules.identity``).
SHAPE = re.compile(r"[0-9]{6}[-+A-FYXWVU][0-9]{3}[0-9A-Y]")
#: The purposes a data-protection officer looks a client up for.
PURPOSES = (Purpose.SUPERVISION, Purpose.DATA_SUBJECT_REQUEST)


def code_error(code: str) -> str | None:
    """What is wrong with ``code`` in the reader's language (``rules.identity.problem`` judges);
    never the code itself, and never the check character it should have."""
    if problem(code) is None:
        return None
    if not SHAPE.fullmatch(code):
        return _(
            "Give the identity code as 11 characters: the birth date as DDMMYY, the century "
            "sign (+, -, A-F or U-Y), three digits and the check character."
        )
    if birth_date(code) is None:
        return _("The identity code does not carry a real birth date.")
    if int(code[7:10]) < 2:
        return _("The individual number of the identity code is not in use (they start at 002).")
    return _("The check character does not match the rest of the identity code.")


class ClientSearchForm(forms.Form):
    identity_code = forms.CharField(
        label=_("Identity code"),
        max_length=20,
        help_text=_("For example 131052-308T. The search is logged; the code is not."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    purpose = forms.ChoiceField(
        label=_("Purpose of the search"),
        choices=[(p.value, p.label) for p in PURPOSES],
        initial=Purpose.SUPERVISION,
    )

    def clean_identity_code(self) -> str:
        code = self.cleaned_data["identity_code"].strip().upper()
        error = code_error(code)
        if error:
            raise forms.ValidationError(error, code="invalid")
        return code
