from django import forms
from django.utils.translation import gettext_lazy as _

from kuntakokeilu.quotas.actions import adjustment_errors
from kuntakokeilu.quotas.models import EURO_DIGITS, Quota


class AdjustForm(forms.Form):
    """New caps of a quota and the reason; the action checks them against what is used."""

    new_cap_euros = forms.DecimalField(
        label=_("New cap in euros"),
        min_value=0,
        max_digits=EURO_DIGITS,
        decimal_places=2,
        localize=True,
        help_text=_("For example 125 000,00"),
    )
    new_cap_places = forms.IntegerField(
        label=_("New cap of places"),
        min_value=0,
        required=False,
        localize=True,
        help_text=_("Persons who can start; leave empty for no limit on places"),
    )
    reason = forms.CharField(
        label=_("Reason for the change"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Recorded with the change and shown in its history"),
        error_messages={"required": _("Give the reason for the change.")},
    )

    def __init__(self, *args, quota: Quota, **kwargs):
        super().__init__(*args, **kwargs)
        self.quota = quota

    @classmethod
    def for_quota(cls, quota: Quota) -> "AdjustForm":
        initial = {"new_cap_euros": quota.cap_euros, "new_cap_places": quota.cap_places}
        return cls(initial=initial, quota=quota)

    def clean(self):
        """Every error at once: the caps against the use as it is now (``adjust`` checks them
        again under a lock when it saves)."""
        data = super().clean()
        if "new_cap_euros" in self.errors or "new_cap_places" in self.errors:
            return data
        problems = adjustment_errors(
            self.quota, data.get("new_cap_euros"), data.get("new_cap_places"), None
        )
        for field, message in problems.items():
            self.add_error(field, message)
        return data
