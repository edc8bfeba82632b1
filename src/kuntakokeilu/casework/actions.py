"""Every change to the service process, one action function each (Zulip's ``do_*``).

An action validates, then writes its domain rows, one ``DomainEvent`` (``events.emit``) and one
audit row (``audit.log.record``) in one transaction, and returns the result. Invalid input raises
``ValidationError`` with the field it concerns (``{"date": [...]}``) before anything is written;
an action the user may not take raises ``PermissionDenied``. Views parse, authorise through
``access``, call an action and render.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kuntakokeilu.access import can_manage_area, profile_of
from kuntakokeilu.accounts.models import AREA_ROLES
from kuntakokeilu.audit.log import record
from kuntakokeilu.casework import process
from kuntakokeilu.casework.dates import finnish
from kuntakokeilu.casework.events import emit
from kuntakokeilu.casework.models import (
    WORK_ABILITY_SCALE,
    Interview,
    Plan,
    PlanTask,
    PlanVersion,
    ServiceNeedsAssessment,
)
from kuntakokeilu.clients.models import Client
from kuntakokeilu.rules import deadlines
from kuntakokeilu.rules.parameters import ParameterError, parameters
from kuntakokeilu.web import clock

CASE_WORK = "case_work"


def today() -> dt.date:
    return clock.today()


def invalid(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


def not_in_future(field: str, day: dt.date) -> None:
    if day > today():
        raise invalid(field, _("The date cannot be in the future."))


def locked(client: Client) -> Client:
    """The client's row, locked for the rest of the transaction (one change at a time)."""
    return Client.objects.select_for_update(of=("self",)).select_related("area").get(pk=client.pk)


def audit(by, action: str, kind: str, obj, client: Client, request, detail: str = "") -> None:
    record(
        actor=by,
        action=action,
        purpose=CASE_WORK,
        object_kind=kind,
        object_id=obj.pk,
        client_id=client.pk,
        request=request,
        detail=detail,
    )


# -- interviews and discussions ---------------------------------------------------------------


def record_interview(
    client: Client,
    *,
    date: dt.date,
    kind: str,
    channel: str,
    notes: str = "",
    by,
    request=None,
) -> Interview:
    """Record an interview or discussion held, and recompute what is due next."""
    with transaction.atomic():
        client = locked(client)
        check_interview(client, date, kind)
        interview = Interview.objects.create(
            client=client, date=date, kind=kind, channel=channel, notes=notes, by=by
        )
        process.refresh_state(client)
        emit(
            client,
            "interview_held",
            on=date,
            actor=by,
            attributes={"interview": interview.pk, "kind": kind, "channel": channel},
        )
        audit(by, "create", "interview", interview, client, request, detail=kind)
    return interview


def check_interview(client: Client, date: dt.date, kind: str) -> None:
    not_in_future("date", date)
    if kind not in Interview.Kind.values:
        raise invalid("kind", _("Choose the kind of meeting."))
    if kind == Interview.Kind.OTHER:
        return
    if date < client.registered_on:
        raise invalid(
            "date",
            _("The date is before the registration as a job seeker on %(day)s.")
            % {"day": finnish(client.registered_on)},
        )
    check_process_order(process.facts_of(client), date, kind)


def check_process_order(facts: deadlines.ProcessState, date: dt.date, kind: str) -> None:
    """The initial interview comes once and first; discussions of a kind the regime knows."""
    if kind == deadlines.INITIAL_INTERVIEW:
        if facts.initial_interview_on:
            raise invalid(
                "kind",
                _("The initial interview was already recorded on %(day)s.")
                % {"day": finnish(facts.initial_interview_on)},
            )
        return
    if facts.initial_interview_on is None or date < facts.initial_interview_on:
        raise invalid("kind", _("Record the initial interview first; discussions follow it."))
    if not process.regime_knows(kind, date):
        raise invalid("kind", _("This kind of discussion did not exist on that date."))


# -- service-needs assessment -----------------------------------------------------------------


@dataclass(frozen=True)
class ServiceNeeds:
    """The answers of a service-needs assessment."""

    segment: str
    competence_needs: str = ""
    training_needs: str = ""
    work_ability: int | None = None
    needs_social_services: bool = False
    social_services_need: str = ""
    needs_health_services: bool = False
    health_services_need: str = ""
    needs_rehabilitation: bool = False
    rehabilitation_need: str = ""
    referred_to_social_services: bool = False
    referred_to_health_services: bool = False
    referred_to_kela_rehabilitation: bool = False


REFERRAL_NEEDS = {
    "referred_to_social_services": "needs_social_services",
    "referred_to_health_services": "needs_health_services",
    "referred_to_kela_rehabilitation": "needs_rehabilitation",
}


def assess_service_needs(
    client: Client, *, date: dt.date, needs: ServiceNeeds, by, request=None
) -> ServiceNeedsAssessment:
    """Record a service-needs assessment (and the work-ability self-assessment in it)."""
    with transaction.atomic():
        client = locked(client)
        check_assessment(date, needs)
        assessment = ServiceNeedsAssessment.objects.create(
            client=client, date=date, by=by, **vars(needs)
        )
        emit(client, "service_needs_assessed", on=date, actor=by, attributes=needs_facts(needs))
        if needs.work_ability is not None:
            emit(
                client,
                "work_ability_assessed",
                on=date,
                actor=by,
                attributes={"work_ability": needs.work_ability, "scale": "0-10"},
            )
        audit(by, "create", "service_needs_assessment", assessment, client, request)
    return assessment


def check_assessment(date: dt.date, needs: ServiceNeeds) -> None:
    not_in_future("date", date)
    if needs.segment not in ServiceNeedsAssessment.Segment.values:
        raise invalid("segment", _("Choose the service-need segment."))
    low, high = WORK_ABILITY_SCALE
    if needs.work_ability is not None and not low <= needs.work_ability <= high:
        raise invalid("work_ability", _("Give the work ability from 0 to 10."))
    for referral, need in REFERRAL_NEEDS.items():
        if getattr(needs, referral) and not getattr(needs, need):
            raise invalid(need, _("A referral needs the need it answers to be marked."))


def needs_facts(needs: ServiceNeeds) -> dict:
    """The event's attributes: the typed answers, without the free text."""
    return {
        "segment": needs.segment,
        "work_ability": needs.work_ability,
        "needs": [n for n in REFERRAL_NEEDS.values() if getattr(needs, n)],
        "referrals": [r for r in REFERRAL_NEEDS if getattr(needs, r)],
    }


# -- plans ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TaskInput:
    task: str
    due_on: dt.date | None = None
    done: bool = False


def make_plan(
    client: Client,
    *,
    kind: str,
    made_on: dt.date,
    job_search_obligation: int | None,
    tasks: list[TaskInput],
    by,
    request=None,
) -> Plan:
    """Make a new plan of ``kind`` for the client (its version 1)."""
    with transaction.atomic():
        client = locked(client)
        check_new_plan(client, kind)
        not_in_future("made_on", made_on)
        obligation = checked_obligation(made_on, job_search_obligation)
        check_tasks(tasks)
        plan = Plan.objects.create(client=client, kind=kind)
        version = add_version(plan, made_on, "", obligation, tasks, by)
        emit(client, "plan_made", on=made_on, actor=by, attributes=plan_facts(plan, version))
        audit(by, "create", "plan", plan, client, request, detail=f"{kind} v1")
    return plan


def update_plan(
    plan: Plan,
    *,
    made_on: dt.date,
    changes: str,
    job_search_obligation: int | None,
    tasks: list[TaskInput],
    by,
    request=None,
) -> PlanVersion:
    """Agree a new version of the plan; the earlier versions stay as they were."""
    with transaction.atomic():
        client = locked(plan.client)
        plan = Plan.objects.select_related("current_version").get(pk=plan.pk)
        check_update(plan, made_on, changes)
        obligation = checked_obligation(made_on, job_search_obligation)
        check_tasks(tasks)
        version = add_version(plan, made_on, changes.strip(), obligation, tasks, by)
        emit(client, "plan_updated", on=made_on, actor=by, attributes=plan_facts(plan, version))
        audit(by, "update", "plan", plan, client, request, detail=f"{plan.kind} v{version.number}")
    return version


def check_new_plan(client: Client, kind: str) -> None:
    if kind not in Plan.Kind.values:
        raise invalid("kind", _("Choose the kind of plan."))
    if Plan.objects.filter(client=client, kind=kind).exists():
        raise invalid("kind", _("The client already has a plan of this kind: update it instead."))


def check_update(plan: Plan, made_on: dt.date, changes: str) -> None:
    not_in_future("made_on", made_on)
    if plan.current_version and made_on < plan.current_version.made_on:
        raise invalid(
            "made_on",
            _("The previous version was agreed on %(day)s; a new one cannot be earlier.")
            % {"day": finnish(plan.current_version.made_on)},
        )
    if not changes.strip():
        raise invalid("changes", _("Say what changed in this version."))


def obligation_rule(on: dt.date) -> dict | None:
    """The dated job-search obligation in force on ``on``; None before it existed."""
    try:
        return parameters().value("job_search_obligation", on)
    except ParameterError:
        return None


def checked_obligation(made_on: dt.date, given: int | None) -> int | None:
    """The applications a month the plan sets: the rule's default when not given, within its
    range; none before the obligation existed (2.5.2022)."""
    rule = obligation_rule(made_on)
    if rule is None:
        if given is not None:
            raise invalid(
                "job_search_obligation", _("No job-search obligation was set on that date.")
            )
        return None
    if given is None:
        return rule["default"]
    if not rule["minimum"] <= given <= rule["maximum"]:
        raise invalid(
            "job_search_obligation",
            _("Give from %(minimum)s to %(maximum)s applications a month.") % rule,
        )
    return given


def check_tasks(tasks: list[TaskInput]) -> None:
    if any(not t.task.strip() for t in tasks):
        raise invalid("tasks", _("Every task needs a description."))


def add_version(plan, made_on, changes, obligation, tasks, by) -> PlanVersion:
    number = plan.current_version.number + 1 if plan.current_version else 1
    version = PlanVersion.objects.create(
        plan=plan,
        number=number,
        made_on=made_on,
        changes=changes,
        job_search_obligation=obligation,
        by=by,
    )
    PlanTask.objects.bulk_create(
        PlanTask(version=version, position=i, task=t.task.strip(), due_on=t.due_on, done=t.done)
        for i, t in enumerate(tasks)
    )
    plan.current_version = version
    plan.job_search_obligation = obligation
    plan.save(update_fields=["current_version", "job_search_obligation"])
    return version


def plan_facts(plan: Plan, version: PlanVersion) -> dict:
    return {
        "plan": plan.pk,
        "kind": plan.kind,
        "version": version.number,
        "job_search_obligation": version.job_search_obligation,
        "tasks": version.tasks.count(),
        "tasks_done": version.tasks.filter(done=True).count(),
    }


# -- the case worker ----------------------------------------------------------------------------


def assign_case_worker(client: Client, case_worker, *, by, request=None) -> Client:
    """Make ``case_worker`` (or nobody) responsible for the client.

    An area manager (or an administrator) assigns, reassigns and unassigns; a case worker may
    take an unassigned client of their own area for themselves."""
    with transaction.atomic():
        client = locked(client)
        check_assignment(client, case_worker, by)
        previous = client.case_worker_id
        client.case_worker = case_worker
        client.save(update_fields=["case_worker"])
        new = case_worker.pk if case_worker else None
        emit(
            client,
            "client_assigned",
            on=today(),
            actor=by,
            attributes={"case_worker": new, "previous_case_worker": previous},
        )
        audit(by, "update", "client", client, client, request, detail="case worker assigned")
    return client


def check_assignment(client: Client, case_worker, by) -> None:
    takes_unassigned = client.case_worker_id is None and case_worker == by
    if not (can_manage_area(by) or takes_unassigned):
        raise PermissionDenied("only an area manager assigns clients")
    if case_worker is None:
        return
    profile = profile_of(case_worker)
    if profile is None or profile.role not in AREA_ROLES or profile.area_id != client.area_id:
        raise invalid("case_worker", _("Choose a case worker of the client's area."))
