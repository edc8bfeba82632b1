"""Forms of the case-work pages. They parse and check the shape of the input; the rules are the
actions' (whose ``ValidationError`` names the same fields, so errors land on the field).

Rendered with Django's field groups: each field has its label, its help text and errors tied to
it with ``aria-describedby``, and ``aria-invalid`` when it has an error.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from kuntakokeilu.accounts.models import AREA_ROLES
from kuntakokeilu.casework.actions import ServiceNeeds, TaskInput
from kuntakokeilu.casework.dates import INPUT_FORMATS, finnish
from kuntakokeilu.casework.models import Interview, Plan, ServiceNeedsAssessment
from kuntakokeilu.casework.worklist import due_kinds
from kuntakokeilu.register.intake import STATUSES

DATE_HELP = _("For example 1.3.2021")


class FinnishDateInput(forms.DateInput):
    """A date shown as 11.5.2022 (what the field reads back)."""

    def format_value(self, value):
        return finnish(value) if isinstance(value, dt.date) else super().format_value(value)


def date_field(label, **options) -> forms.DateField:
    return forms.DateField(
        label=label,
        input_formats=INPUT_FORMATS,
        help_text=DATE_HELP,
        widget=FinnishDateInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        **options,
    )


class Form(forms.Form):
    """Labels without Django's trailing colon."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


def text_area(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows, "cols": 60})


class InterviewForm(Form):
    date = date_field(_("Date"))
    kind = forms.ChoiceField(label=_("Kind of meeting"), choices=Interview.Kind.choices)
    channel = forms.ChoiceField(label=_("Channel"), choices=Interview.Channel.choices)
    notes = forms.CharField(label=_("Notes"), required=False, widget=text_area(6))


class ServiceNeedsForm(Form):
    date = date_field(_("Date"))
    competence_needs = forms.CharField(
        label=_("Competence needs"), required=False, widget=text_area()
    )
    training_needs = forms.CharField(label=_("Training needs"), required=False, widget=text_area())
    work_ability = forms.IntegerField(
        label=_("Work ability, as the client assesses it"),
        help_text=_("From 0 (cannot work at all) to 10 (best possible); leave empty if not asked"),
        min_value=0,
        max_value=10,
        required=False,
    )
    needs_social_services = forms.BooleanField(label=_("Needs social services"), required=False)
    social_services_need = forms.CharField(
        label=_("Social services needed"), required=False, widget=text_area(2)
    )
    needs_health_services = forms.BooleanField(label=_("Needs health services"), required=False)
    health_services_need = forms.CharField(
        label=_("Health services needed"), required=False, widget=text_area(2)
    )
    needs_rehabilitation = forms.BooleanField(label=_("Needs rehabilitation"), required=False)
    rehabilitation_need = forms.CharField(
        label=_("Rehabilitation needed"), required=False, widget=text_area(2)
    )
    segment = forms.ChoiceField(
        label=_("Service-need segment"),
        choices=ServiceNeedsAssessment.Segment.choices,
        widget=forms.RadioSelect,
    )
    referred_to_social_services = forms.BooleanField(
        label=_("Referred to municipal social services"), required=False
    )
    referred_to_health_services = forms.BooleanField(
        label=_("Referred to municipal health services"), required=False
    )
    referred_to_kela_rehabilitation = forms.BooleanField(
        label=_("Referred to Kela rehabilitation"), required=False
    )

    def needs(self) -> ServiceNeeds:
        data = {k: v for k, v in self.cleaned_data.items() if k != "date"}
        return ServiceNeeds(**data)


class PlanForm(Form):
    """A new plan (with ``kind``) or a new version of one (with ``changes``)."""

    kind = forms.ChoiceField(label=_("Kind of plan"), choices=Plan.Kind.choices)
    made_on = date_field(_("Agreed on"))
    job_search_obligation = forms.IntegerField(
        label=_("Job applications a month"),
        help_text=_("As a rule 4; from 0 to 4. Leave empty before 2.5.2022."),
        min_value=0,
        max_value=4,
        required=False,
    )
    changes = forms.CharField(
        label=_("What changed"),
        help_text=_("What was agreed differently from the previous version, and why"),
        widget=text_area(),
    )

    def __init__(self, *args, new: bool, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["changes" if new else "kind"]


class TaskForm(Form):
    task = forms.CharField(label=_("Task"), max_length=300, required=False)
    due_on = date_field(_("Due date"), required=False)
    done = forms.BooleanField(label=_("Done"), required=False)

    def as_input(self) -> TaskInput | None:
        data = self.cleaned_data
        if not data.get("task", "").strip():
            return None
        return TaskInput(task=data["task"], due_on=data.get("due_on"), done=data.get("done", False))


TaskFormSet = forms.formset_factory(TaskForm, extra=5, max_num=50, validate_max=True)


def tasks_of(formset) -> list[TaskInput]:
    """The filled-in task rows (empty rows are left out)."""
    return [task for form in formset.forms if (task := form.as_input()) is not None]


class AssignForm(Form):
    case_worker = forms.ModelChoiceField(
        label=_("Case worker"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=_("nobody (unassigned)"),
    )

    def __init__(self, *args, area, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case_worker"].queryset = area_workers(area)
        self.fields["case_worker"].label_from_instance = worker_name


def area_workers(area):
    """The active case workers and area managers of ``area`` (an Area or its id)."""
    return (
        get_user_model()
        .objects.filter(is_active=True, profile__area=area, profile__role__in=AREA_ROLES)
        .order_by("last_name", "first_name", "username")
    )


def worker_name(user) -> str:
    return user.get_full_name() or user.get_username()


# -- the work list ----------------------------------------------------------------------------

LANGUAGES = [("", _("any")), ("fi", _("Finnish")), ("sv", _("Swedish")), ("other", _("other"))]
YES_NO = [("", _("any")), ("yes", _("yes")), ("no", _("no"))]
BANDS = {
    "under_3": _("under 3 months"),
    "3_to_6": _("3 to 6 months"),
    "6_to_12": _("6 to 12 months"),
    "12_to_24": _("12 to 24 months"),
    "24_or_more": _("24 months or more"),
}
STATUS_LABELS = {
    "subsidised_employment": _("employed with a subsidy"),
    "employed": _("employed"),
    "unemployed": _("unemployed"),
    "laid_off": _("laid off"),
    "short_week": _("shortened working week"),
    "other": _("other status"),
    "in_services": _("in employment services"),
    "in_training": _("in training"),
}
LANGUAGE_NAMES = {"fi": _("Finnish"), "sv": _("Swedish"), "en": _("English")}
REASONS = {
    "NO_EARNINGS_RELATED": _("not entitled to earnings-related allowance"),
    "UNDER_30": _("under 30"),
    "IMMIGRANT": _("immigrant"),
    "FOREIGN_LANGUAGE": _("foreign-language speaker"),
}
SORTS = [("due", _("earliest due first")), ("-due", _("latest due first"))]


class WorkListForm(Form):
    """The work list's filters (GET). Every field is optional; a bad value is an error on it."""

    q = forms.CharField(
        label=_("Search by name or identity code"),
        required=False,
        max_length=100,
        help_text=_("Last name, first names, or the whole identity code"),
    )
    kind = forms.ChoiceField(label=_("What is due"), required=False)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    worker = forms.ChoiceField(label=_("Case worker"), required=False)
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGES, required=False)
    under_30 = forms.ChoiceField(label=_("Under 30"), choices=YES_NO, required=False)
    immigrant = forms.ChoiceField(label=_("Immigrant"), choices=YES_NO, required=False)
    unemployed = forms.ChoiceField(
        label=_("Unemployed for"), choices=[("", _("any")), *BANDS.items()], required=False
    )
    status = forms.ChoiceField(
        label=_("Register status"),
        choices=[("", _("any")), *((s, STATUS_LABELS[s]) for s in STATUSES)],
        required=False,
    )
    sort = forms.ChoiceField(label=_("Order"), choices=SORTS, required=False)

    def __init__(self, *args, workers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("anything")), *due_kinds().items()]
        self.fields["worker"].choices = [
            ("", _("anyone")),
            ("mine", _("my clients")),
            ("unassigned", _("unassigned")),
            *((str(u.pk), worker_name(u)) for u in workers),
        ]
