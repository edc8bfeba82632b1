"""Every change of a service decision, job offer or TE report goes through one action here.

An action validates, writes its rows, the client's ``DomainEvent`` (``casework.events.emit``) and
the audit row (``audit.log.record``) in ONE transaction, and returns the result. A refusal is a
``ValidationError`` keyed by the form field at fault (or without a field, for the quota); nothing
is saved then. Decisions on wage subsidy, start-up grant, training and coaching take their amount
from the area's quota in the same transaction (``quotas.actions.consume``), and a cancellation
gives it back (``release``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from kuntakokeilu.audit.log import record
from kuntakokeilu.casework.events import emit
from kuntakokeilu.clients.models import Client
from kuntakokeilu.quotas.actions import NoQuota, NothingToRelease, QuotaExceeded, consume, release
from kuntakokeilu.services import binding, eligibility, terms
from kuntakokeilu.services.models import (
    ANSWERS,
    STATUS_ORDER,
    BindingBasis,
    Cause,
    DecisionStatus,
    JobOffer,
    OrganisationKind,
    Outcome,
    ReportStatus,
    ServiceDecision,
    ServiceKind,
    TeReport,
    TeReportStatusChange,
)
from kuntakokeilu.services.terms import Terms, finnish_date

#: Offers closed per transaction by ``close_overdue_job_offers``.
CLOSE_CHUNK = 500
#: No service decision runs longer than this (a guard on the input; the service rules, such as
#: a wage subsidy kind's maximum, are usually much shorter). ``months`` keeps up to 999.99.
LONGEST_PERIOD_MONTHS = 120
PURPOSE = "case_work"
OBJECT_KINDS = {ServiceDecision: "service_decision", JobOffer: "job_offer", TeReport: "te_report"}


def _audit(actor, action: str, obj, request=None, detail: str = "", purpose=PURPOSE) -> None:
    record(
        actor=actor,
        action=action,
        purpose=purpose,
        object_kind=OBJECT_KINDS[type(obj)],
        object_id=obj.pk,
        client_id=obj.client_id,
        request=request,
        detail=detail,
    )


def _person(actor):
    """The actor as stored on a row: a signed-in user, or nobody (a batch job)."""
    return actor if getattr(actor, "is_authenticated", False) else None


# -- service decisions ------------------------------------------------------------------------
def decide_service(
    client: Client,
    *,
    actor,
    kind: str,
    decided_on: dt.date,
    starts_on: dt.date,
    ends_on: dt.date,
    organisation_name: str = "",
    organisation_id: str = "",
    organisation_kind: str = "",
    subsidy_kind: str = "",
    monthly_pay_cost: Decimal | None = None,
    cost_eur: Decimal | None = None,
    work_capacity_statement: bool = False,
    request=None,
) -> ServiceDecision:
    """Decide ``kind`` for ``client``: amounts by the rules in force on ``decided_on``, the quota
    consumed, event ``service_decided`` and the audit row written; or nothing, and the reason.
    A wage subsidy is checked against the client by the kind's conditions (``eligibility``);
    ``work_capacity_statement``: the case worker confirms an expert statement of the client's
    reduced work capacity is on file."""
    _check_period(client, starts_on, ends_on)
    decision = ServiceDecision(
        client=client,
        area=client.area,
        kind=kind,
        decided_on=decided_on,
        starts_on=starts_on,
        ends_on=ends_on,
        organisation_name=organisation_name.strip(),
        organisation_id=organisation_id.strip(),
        organisation_kind=organisation_kind,
        subsidy_kind=subsidy_kind,
        monthly_pay_cost=monthly_pay_cost,
        work_capacity_statement=work_capacity_statement,
        created_by=_person(actor),
    )
    try:
        return _save_decision(decision, cost_eur, actor, request)
    except (QuotaExceeded, NoQuota) as error:
        raise ValidationError(str(error), code="quota") from error


def _check_period(client: Client, starts_on: dt.date, ends_on: dt.date) -> None:
    if client.area_id is None:
        raise ValidationError(_("The client has no area responsible for them now."))
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("The period cannot end before it starts.")})
    if not terms.no_longer_than(starts_on, ends_on, LONGEST_PERIOD_MONTHS):
        raise ValidationError(
            {"ends_on": _("A decision covers at most ten years: make a new decision after that.")}
        )


def _terms(decision: ServiceDecision, cost_eur: Decimal | None) -> Terms:
    kind, period = decision.kind, {"starts_on": decision.starts_on, "ends_on": decision.ends_on}
    if kind == ServiceKind.WAGE_SUBSIDY:
        return _wage_subsidy_terms(decision)
    if kind == ServiceKind.START_UP_GRANT:
        earlier = _months_decided(decision.client, kind)
        return terms.start_up_grant_terms(
            decided_on=decision.decided_on, earlier_months=earlier, **period
        )
    if kind == ServiceKind.WORK_TRIAL:
        return _work_trial_terms(decision)
    if kind in (ServiceKind.LABOUR_MARKET_TRAINING, ServiceKind.COACHING):
        if cost_eur is None:
            raise ValidationError({"cost_eur": _("Give the cost in euros.")})
        return terms.training_terms(cost_eur=cost_eur, **period)
    if kind == ServiceKind.CAREER_GUIDANCE:
        return terms.guidance_terms(**period)
    raise ValidationError({"kind": _("Choose the service.")})


def _wage_subsidy_terms(decision: ServiceDecision) -> Terms:
    _check_employer(decision)
    if decision.monthly_pay_cost is None:
        raise ValidationError({"monthly_pay_cost": _("Give the employer's pay cost a month.")})
    granted = terms.wage_subsidy_terms(
        subsidy_kind=decision.subsidy_kind,
        monthly_pay_cost=decision.monthly_pay_cost,
        decided_on=decision.decided_on,
        starts_on=decision.starts_on,
        ends_on=decision.ends_on,
    )
    _check_eligible(decision)
    return granted


def _check_eligible(decision: ServiceDecision) -> None:
    """The client (and employer) meet the kind's conditions in force on the decision date."""
    value = terms.rule("wage_subsidy", decision.decided_on).value
    conditions = eligibility.Conditions.of(value, decision.subsidy_kind, decision.decided_on)
    person = eligibility.Applicant.of(
        decision.client,
        work_capacity_statement=decision.work_capacity_statement,
        employer_kind=decision.organisation_kind,
    )
    refused = eligibility.refusal(person, conditions)
    if refused is not None:
        raise refused


def _check_employer(decision: ServiceDecision) -> None:
    if not decision.organisation_name:
        raise ValidationError({"organisation_name": _("Give the employer.")})
    if decision.organisation_kind not in OrganisationKind.values:
        raise ValidationError({"organisation_kind": _("Choose the kind of employer.")})
    if decision.organisation_kind == OrganisationKind.MUNICIPALITY:
        raise ValidationError(
            {
                "organisation_kind": _(
                    "The area does not grant wage subsidy for a job at a municipality: "
                    "the TE office decides on wage subsidy to municipalities."
                )
            }
        )


def _work_trial_terms(decision: ServiceDecision) -> Terms:
    if not decision.organisation_name:
        raise ValidationError({"organisation_name": _("Give the organiser of the work trial.")})
    same = Q(organisation_name__iexact=decision.organisation_name)
    if decision.organisation_id:
        same |= Q(organisation_id=decision.organisation_id)
    return terms.work_trial_terms(
        decided_on=decision.decided_on,
        starts_on=decision.starts_on,
        ends_on=decision.ends_on,
        months_with_organiser=_months_decided(decision.client, ServiceKind.WORK_TRIAL, same),
        months_in_all=_months_decided(decision.client, ServiceKind.WORK_TRIAL),
    )


def _months_decided(client: Client, kind: str, condition: Q | None = None) -> Decimal:
    decisions = ServiceDecision.objects.in_force().filter(client=client, kind=kind)
    if condition is not None:
        decisions = decisions.filter(condition)
    return decisions.aggregate(total=Sum("months", default=Decimal(0)))["total"]


def _quota_reference(decision: ServiceDecision) -> str:
    return f"service_decision:{decision.pk}"


def _save_decision(decision: ServiceDecision, cost_eur, actor, request) -> ServiceDecision:
    with transaction.atomic():
        # The client's row is locked first, so that two decisions at once cannot both count
        # the same earlier months (start-up grant, work trial).
        Client.objects.select_for_update().only("pk").get(pk=decision.client_id)
        for name, value in _terms(decision, cost_eur).as_fields().items():
            setattr(decision, name, value)
        decision.save()
        if decision.quota_service:
            quota = consume(
                area=decision.area,
                service=decision.quota_service,
                on=decision.decided_on,
                euros=decision.total_eur,
                places=decision.places,
                reference=_quota_reference(decision),
            )
            decision.quota_id = quota.pk
            decision.save(update_fields=["quota_id"])
        emit(
            decision.client,
            "service_decided",
            on=decision.decided_on,
            actor=actor,
            attributes=_decision_attributes(decision),
        )
        _audit(actor, "create", decision, request, f"{decision.kind} {decision.total_eur} EUR")
    return decision


def _decision_attributes(decision: ServiceDecision) -> dict:
    return {
        "decision_id": decision.pk,
        "service": decision.kind,
        "starts_on": decision.starts_on.isoformat(),
        "ends_on": decision.ends_on.isoformat(),
        "total_eur": str(decision.total_eur),
        "quota_service": decision.quota_service,
        "subsidy_kind": decision.subsidy_kind,
    }


def cancel_decision(
    decision: ServiceDecision, *, actor, on: dt.date, reason: str, request=None
) -> ServiceDecision:
    """Cancel a decision: its quota use released, event ``service_ended`` (cancelled) and the
    audit row written."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for cancelling.")})
    if on < decision.decided_on:
        raise ValidationError({"on": _("A decision cannot be cancelled before it was made.")})
    with transaction.atomic():
        locked = ServiceDecision.objects.select_for_update().get(pk=decision.pk)
        if locked.cancelled:
            raise ValidationError(_("The decision has been cancelled already."))
        locked.status = DecisionStatus.CANCELLED
        locked.cancelled_on, locked.cancel_reason = on, reason
        locked.save(update_fields=["status", "cancelled_on", "cancel_reason"])
        _release_quota(locked, on)
        emit(
            locked.client,
            "service_ended",
            on=on,
            actor=actor,
            attributes={"decision_id": locked.pk, "service": locked.kind, "cancelled": True},
        )
        _audit(actor, "update", locked, request, "cancelled")
    return locked


def _release_quota(decision: ServiceDecision, on: dt.date) -> None:
    if not decision.quota_service:
        return
    # NothingToRelease: nothing outstanding, given back already (or never taken).
    with contextlib.suppress(NothingToRelease):
        release(reference=_quota_reference(decision), on=on)


# -- job offers -------------------------------------------------------------------------------
def make_job_offer(
    client: Client,
    *,
    actor,
    vacancy_title: str,
    employer: str,
    offered_on: dt.date,
    answer_by: dt.date,
    request=None,
) -> JobOffer:
    """Record a job offer; whether it binds is decided now from the initial interview."""
    if answer_by < offered_on:
        raise ValidationError({"answer_by": _("The deadline cannot be before the offer.")})
    interview_on = binding.initial_interview_on(client)
    basis = binding.binding_basis(offered_on, interview_on)
    with transaction.atomic():
        offer = JobOffer.objects.create(
            client=client,
            vacancy_title=vacancy_title.strip(),
            employer=employer.strip(),
            offered_on=offered_on,
            answer_by=answer_by,
            binding=binding.is_binding(basis),
            binding_basis=basis,
            initial_interview_on=interview_on,
            created_by=_person(actor),
        )
        emit(client, "job_offer_made", on=offered_on, actor=actor, attributes=_offer(offer))
        _audit(actor, "create", offer, request)
    return offer


def _offer(offer: JobOffer) -> dict:
    return {
        "job_offer_id": offer.pk,
        "binding": offer.binding,
        "binding_basis": offer.binding_basis,
        "answer_by": offer.answer_by.isoformat(),
        "outcome": offer.outcome,
    }


def answer_job_offer(
    offer: JobOffer, *, actor, outcome: str, answered_on: dt.date, request=None
) -> JobOffer:
    """Record what came of an offer (applied, hired, refused, no answer)."""
    if outcome not in ANSWERS:
        raise ValidationError({"outcome": _("Choose what came of the offer.")})
    if answered_on < offer.offered_on:
        raise ValidationError({"answered_on": _("The answer cannot be before the offer.")})
    with transaction.atomic():
        locked = JobOffer.objects.select_for_update().get(pk=offer.pk)
        if TeReport.objects.filter(job_offer=locked).exists():
            raise ValidationError(_("The offer has been reported to the TE office already."))
        locked.outcome, locked.answered_on = outcome, answered_on
        locked.save(update_fields=["outcome", "answered_on"])
        emit(
            locked.client,
            "job_offer_answered",
            on=answered_on,
            actor=actor,
            attributes=_offer(locked),
        )
        _audit(actor, "update", locked, request, outcome)
    return locked


def close_overdue_job_offers(on: dt.date, *, clients=None) -> int:
    """Set ``no_answer`` on the open offers whose deadline passed before ``on`` (of ``clients``
    only, when given); the answer day is the day after the deadline, whenever this runs, so a
    second run changes nothing. How many were closed."""
    closed = 0
    while chunk := _close_chunk(on, clients):
        closed += chunk
    return closed


def _close_chunk(on: dt.date, clients) -> int:
    offers = JobOffer.objects.overdue(on).select_related("client__area").order_by("pk")
    if clients is not None:
        offers = offers.filter(client__in=clients)
    with transaction.atomic():
        chunk = list(offers.select_for_update(of=("self",))[:CLOSE_CHUNK])
        for offer in chunk:
            _close(offer)
    return len(chunk)


def _close(offer: JobOffer) -> None:
    offer.outcome = Outcome.NO_ANSWER
    offer.answered_on = offer.answer_by + dt.timedelta(days=1)
    offer.save(update_fields=["outcome", "answered_on"])
    emit(offer.client, "job_offer_answered", on=offer.answered_on, attributes=_offer(offer))
    _audit(None, "update", offer, detail="no answer by the deadline")


# -- reports to the TE office -----------------------------------------------------------------
def report_job_offer(
    offer: JobOffer, *, actor, on: dt.date, facts: str = "", request=None
) -> TeReport:
    """Report a refused or unanswered offer to the TE office in one step; the facts are written
    from the offer when none are given."""
    with transaction.atomic():
        locked = JobOffer.objects.select_for_update().get(pk=offer.pk)
        _check_reportable(locked)
        report = TeReport(
            client=locked.client,
            cause=Cause.REFUSED_JOB_OFFER,
            job_offer=locked,
            facts=facts.strip() or offer_facts(locked),
            created_on=on,
        )
        return _save_report(report, actor, request)


def _check_reportable(offer: JobOffer) -> None:
    if not offer.reportable:
        raise ValidationError(_("Only a refused or unanswered job offer can be reported."))
    if offer.binding_basis == BindingBasis.WITHIN_SIX_MONTHS:
        raise ValidationError(
            _(
                "The offer was not binding (made within 6 months of the initial interview): "
                "there is nothing to report."
            )
        )
    if TeReport.objects.filter(job_offer=offer).exists():
        raise ValidationError(_("The offer has been reported to the TE office already."))


def offer_facts(offer: JobOffer) -> str:
    """The facts of an offer as the TE office needs them, in the active language."""
    values = {
        "title": offer.vacancy_title,
        "employer": offer.employer,
        "offered": finnish_date(offer.offered_on),
        "deadline": finnish_date(offer.answer_by),
        "basis": str(BindingBasis(offer.binding_basis).label),
    }
    if offer.outcome == Outcome.REFUSED:
        text = _(
            "Job offer: %(title)s, %(employer)s, offered on %(offered)s with %(deadline)s as "
            "the deadline. The client refused the offer. %(basis)s."
        )
    elif offer.outcome == Outcome.NO_ANSWER:
        text = _(
            "Job offer: %(title)s, %(employer)s, offered on %(offered)s with %(deadline)s as "
            "the deadline. The client did not answer by the deadline. %(basis)s."
        )
    else:
        text = _(
            "Job offer: %(title)s, %(employer)s, offered on %(offered)s with %(deadline)s as "
            "the deadline. Outcome: %(outcome)s. %(basis)s."
        )
    return text % {**values, "outcome": str(Outcome(offer.outcome).label)}


def make_te_report(
    client: Client,
    *,
    actor,
    cause: str,
    event: str,
    facts: str,
    on: dt.date,
    request=None,
) -> TeReport:
    """Report ``facts`` about ``client`` to the TE office; ``event`` says what caused it."""
    errors = {}
    if cause not in Cause.values:
        errors["cause"] = _("Choose the cause.")
    if not event.strip():
        errors["event"] = _("Say what happened and when.")
    if not facts.strip():
        errors["facts"] = _("Give the facts the TE office needs.")
    if errors:
        raise ValidationError(errors)
    report = TeReport(
        client=client, cause=cause, event=event.strip(), facts=facts.strip(), created_on=on
    )
    return _save_report(report, actor, request)


def _save_report(report: TeReport, actor, request) -> TeReport:
    with transaction.atomic():
        report.created_by = _person(actor)
        report.save()
        TeReportStatusChange.objects.create(
            report=report, status=ReportStatus.SENT, on=report.created_on, actor=report.created_by
        )
        emit(
            report.client,
            "te_report_made",
            on=report.created_on,
            actor=actor,
            attributes={
                "te_report_id": report.pk,
                "cause": report.cause,
                "job_offer_id": report.job_offer_id,
            },
        )
        _audit(actor, "disclose", report, request, report.cause, "te_office_statement")
    return report


def change_report_status(
    report: TeReport, *, actor, status: str, on: dt.date, note: str = "", request=None
) -> TeReport:
    """The TE office moves a report on (sent → received → statement given → closed); it may
    skip a step but never go back."""
    with transaction.atomic():
        locked = TeReport.objects.select_for_update().get(pk=report.pk)
        _check_status_step(locked, status, on)
        locked.status = status
        locked.save(update_fields=["status"])
        TeReportStatusChange.objects.create(
            report=locked, status=status, on=on, note=note.strip(), actor=_person(actor)
        )
        emit(
            locked.client,
            "te_report_status_changed",
            on=on,
            actor=actor,
            attributes={"te_report_id": locked.pk, "status": status},
        )
        _audit(actor, "update", locked, request, status, "te_office_statement")
    return locked


def _check_status_step(report: TeReport, status: str, on: dt.date) -> None:
    if status not in STATUS_ORDER:
        raise ValidationError({"status": _("Choose the status.")})
    if STATUS_ORDER.index(status) <= STATUS_ORDER.index(report.status):
        current = ReportStatus(report.status).label
        raise ValidationError(
            {
                "status": _("The report is %(status)s already; choose a later step.")
                % {"status": current}
            }
        )
    if on < report.created_on:
        raise ValidationError({"on": _("The day cannot be before the report was made.")})
