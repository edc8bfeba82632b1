"""Forms of the services pages: parse and check the shape of the input; the rules themselves are
the actions' (their ``ValidationError`` is attached to the same field names)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from stdnum.fi import ytunnus

from kuntakokeilu.services.models import (
    ANSWERS,
    STATUS_ORDER,
    Cause,
    OrganisationKind,
    Outcome,
    ReportStatus,
    ServiceKind,
)
from kuntakokeilu.services.terms import SUBSIDY_KIND_LABELS

DATE_FORMATS = ["%d.%m.%Y", "%Y-%m-%d"]
DATE_HELP = _("For example 1.3.2021")


def date_field(label, **options) -> forms.DateField:
    return forms.DateField(label=label, input_formats=DATE_FORMATS, help_text=DATE_HELP, **options)


class EuroField(forms.DecimalField):
    """An amount in euros as people write it: ``2 500,50``, ``2500.50`` or ``2 500,50 €``.

    A text input with a decimal keypad: a browser's number input would refuse the Finnish form
    (space and comma) that the help text shows."""

    def widget_attrs(self, widget):
        return super().widget_attrs(widget) | {"inputmode": "decimal"}

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("€", "").replace("\xa0", "").replace(" ", "").replace(",", ".")
        return super().to_python(value)


def euro_field(label, max_digits: int = 12, **options) -> EuroField:
    """A euro amount; ``max_digits`` as the column that keeps it allows."""
    return EuroField(
        label=label,
        widget=forms.TextInput,
        max_digits=max_digits,
        decimal_places=2,
        min_value=0,
        help_text=_("In euros, for example 2 500,00"),
        **options,
    )


def business_id(value: str) -> str:
    if not value:
        return ""
    try:
        return ytunnus.validate(value)
    except ValueError:
        raise forms.ValidationError(
            _("Not a valid business ID: give it as 1234567-8."), code="invalid"
        ) from None


class DecisionForm(forms.Form):
    """A decision of any kind; the fields of the other kinds stay empty."""

    kind = forms.ChoiceField(label=_("Service"), choices=ServiceKind.choices)
    decided_on = date_field(_("Decided on"))
    starts_on = date_field(_("Starts on"))
    ends_on = date_field(_("Ends on"))
    organisation_name = forms.CharField(
        label=_("Employer, organiser or provider"), max_length=200, required=False
    )
    organisation_id = forms.CharField(
        label=_("Business ID"),
        max_length=9,
        required=False,
        help_text=_("For example 1234567-8"),
    )
    organisation_kind = forms.ChoiceField(
        label=_("Kind of employer"),
        choices=[("", _("– choose –")), *OrganisationKind.choices],
        required=False,
    )
    subsidy_kind = forms.ChoiceField(
        label=_("Kind of wage subsidy"),
        choices=[("", _("– choose –")), *SUBSIDY_KIND_LABELS.items()],
        required=False,
        help_text=_("The kinds in force on the decision date apply."),
    )
    monthly_pay_cost = euro_field(_("Employer's pay cost a month"), max_digits=10, required=False)
    work_capacity_statement = forms.BooleanField(
        label=_("An expert statement of the client's reduced work capacity is on file"),
        required=False,
        help_text=_("Needed for wage subsidy on the grounds of reduced work capacity."),
    )
    cost_eur = euro_field(_("Cost of the training or coaching"), required=False)

    #: Fields each kind needs, beyond the dates.
    NEEDS = {
        ServiceKind.WAGE_SUBSIDY: ("organisation_name", "organisation_kind", "subsidy_kind"),
        ServiceKind.WORK_TRIAL: ("organisation_name",),
        ServiceKind.LABOUR_MARKET_TRAINING: ("cost_eur",),
        ServiceKind.COACHING: ("cost_eur",),
    }

    def clean_organisation_id(self) -> str:
        return business_id(self.cleaned_data["organisation_id"].strip())

    def clean(self):
        data = super().clean()
        for name in self.NEEDS.get(data.get("kind"), ()):
            if data.get(name) in (None, ""):
                self.add_error(name, _("This service needs this field."))
        return data


class CancelForm(forms.Form):
    on = date_field(_("Cancelled on"))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class JobOfferForm(forms.Form):
    vacancy_title = forms.CharField(label=_("Vacancy"), max_length=200)
    employer = forms.CharField(label=_("Employer"), max_length=200)
    offered_on = date_field(_("Offered on"))
    answer_by = date_field(_("Answer by"))


class AnswerForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("What came of the offer"),
        choices=[(o, Outcome(o).label) for o in ANSWERS],
        widget=forms.RadioSelect,
    )
    answered_on = date_field(_("Day of the answer"))


class ReportForm(forms.Form):
    cause = forms.ChoiceField(label=_("Cause"), choices=Cause.choices)
    event = forms.CharField(
        label=_("What happened and when"),
        max_length=300,
        help_text=_("For example: did not come to the interview on 3.5.2023"),
    )
    facts = forms.CharField(
        label=_("Facts for the TE office"), widget=forms.Textarea(attrs={"rows": 5})
    )


class JobOfferReportForm(forms.Form):
    facts = forms.CharField(
        label=_("Facts for the TE office"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("Leave empty to send the facts of the offer as they are recorded."),
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("New status"),
        choices=[(s, ReportStatus(s).label) for s in STATUS_ORDER[1:]],
    )
    on = date_field(_("Day"))
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
