import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _


class DateForm(forms.Form):
    """The day a page answers for; Finnish (1.3.2021) and ISO (2021-03-01) forms accepted."""

    on = forms.DateField(
        label=_("Date"),
        input_formats=["%d.%m.%Y", "%Y-%m-%d"],
        help_text=_("For example 1.3.2021"),
    )

    @classmethod
    def from_query(cls, query, default: dt.date) -> "DateForm":
        return cls(query if "on" in query else {"on": default.strftime("%d.%m.%Y")})
