"""Whether a job offer is binding (DOMAIN.md §3; Act 1379/2021, HE 167/2021).

Under the Nordic model (regime ``nordic_model`` of the dated parameter ``service_process``, from
2.5.2022) a job offer binds the client only when it is made at least ``job_offer_binding_months``
(a dated parameter: 6 months) after the client's initial interview, as the value in force on the
day of the offer says. Before the Nordic model an offer bound from the start. The initial interview
is read from the casework app (``ProcessState.initial_interview_on``, else the earliest initial
``Interview`` since registration); when none is recorded the offer is treated as not binding,
and the stored basis says so.
"""

from __future__ import annotations

import datetime as dt

from django.apps import apps

from kuntakokeilu.clients.models import Client
from kuntakokeilu.rules.deadlines import INITIAL_INTERVIEW, add_months
from kuntakokeilu.rules.parameters import ParameterError, parameters
from kuntakokeilu.services.models import BindingBasis

#: The dated parameter: months after the initial interview before a job offer binds.
BINDING_MONTHS = "job_offer_binding_months"


def binding_after_months(offered_on: dt.date) -> int:
    """The months in force on the day of the offer (the Nordic model's rule)."""
    return parameters().value(BINDING_MONTHS, offered_on)


def binding_basis(offered_on: dt.date, initial_interview_on: dt.date | None) -> BindingBasis:
    """Why an offer made on ``offered_on`` is or is not binding."""
    if not nordic_model_on(offered_on):
        return BindingBasis.BEFORE_NORDIC_MODEL
    if initial_interview_on is None:
        return BindingBasis.NO_INITIAL_INTERVIEW
    if offered_on >= add_months(initial_interview_on, binding_after_months(offered_on)):
        return BindingBasis.SIX_MONTHS_PASSED
    return BindingBasis.WITHIN_SIX_MONTHS


def is_binding(basis: BindingBasis) -> bool:
    return basis in (BindingBasis.SIX_MONTHS_PASSED, BindingBasis.BEFORE_NORDIC_MODEL)


def nordic_model_on(day: dt.date) -> bool:
    try:
        return parameters().value("service_process", day)["regime"] == "nordic_model"
    except ParameterError:
        return False


def initial_interview_on(client: Client) -> dt.date | None:
    """The client's initial interview day as the casework app records it, if it does."""
    return _from_process_state(client) or _from_interviews(client)


def _model(name: str):
    try:
        return apps.get_model("casework", name)
    except LookupError:
        return None


def _from_process_state(client: Client) -> dt.date | None:
    model = _model("ProcessState")
    if model is None or not _has_field(model, "initial_interview_on"):
        return None
    state = model.objects.filter(client=client).first()
    return state.initial_interview_on if state else None


def _from_interviews(client: Client) -> dt.date | None:
    model = _model("Interview")
    if model is None or not {"kind", "date"} <= {f.name for f in model._meta.get_fields()}:
        return None
    first = (
        model.objects.filter(client=client, kind=INITIAL_INTERVIEW, date__gte=client.registered_on)
        .order_by("date")
        .first()
    )
    return first.date if first else None


def _has_field(model, name: str) -> bool:
    return any(f.name == name for f in model._meta.get_fields())
