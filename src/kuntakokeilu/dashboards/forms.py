"""The dashboards' forms: approving a month, and choosing a monthly report's month and language."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from kuntakokeilu.dashboards.approval import REASON_LENGTH
from kuntakokeilu.dashboards.formatting import month_short, month_value, parse_month

DIGEST = RegexValidator(r"^[0-9a-f]{64}$", _("The form is out of date: open the page again."))


class ApproveForm(forms.Form):
    """Approve one version, as it was when the page showed it (its digest)."""

    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    digest = forms.CharField(max_length=64, validators=[DIGEST], widget=forms.HiddenInput)


class RejectForm(ApproveForm):
    """Reject one correction, as it was when the page showed it, saying why."""

    reason = forms.CharField(
        label=_("Why is the correction rejected?"),
        max_length=REASON_LENGTH,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say why the correction is rejected.")},
    )


class ReportForm(forms.Form):
    """The month and the language of an area's monthly report."""

    month = forms.ChoiceField(label=_("Month"), required=False)
    language = forms.ChoiceField(
        label=_("Language of the report"), choices=settings.LANGUAGES, required=False
    )

    def __init__(self, *args, months=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["month"].choices = [(month_value(m), month_short(m)) for m in months]

    def clean_month(self):
        return parse_month(self.cleaned_data["month"]) if self.cleaned_data["month"] else None
