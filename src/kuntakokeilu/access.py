"""The one access helper per object kind: every view and API endpoint gets objects through here.

Scope (docs/casework-design.md): case workers and area managers see the clients of their own area
and what belongs to them (plans, decisions, job offers, reports); a TE officer sees reports (and
the TE office's referral exceptions) about people whose home municipality lies in the officer's
ELY area (by the municipal division in force); an
analyst never sees a person; an administrator sees everything (audited by the views); quotas are
the area manager's. Outside the scope the answer is
404 — the same as for an object that does not exist.
"""

from __future__ import annotations

import datetime as dt

import polars as pl
from django.db.models import QuerySet
from django.http import Http404

from kuntakokeilu.accounts.models import AREA_ROLES, Profile, Role
from kuntakokeilu.areas.models import Area, AreaMembership
from kuntakokeilu.casework.models import Plan
from kuntakokeilu.clients.models import Client, TeOfficeException
from kuntakokeilu.quotas.models import Quota
from kuntakokeilu.reference import reference_data
from kuntakokeilu.services.models import JobOffer, ServiceDecision, TeReport
from kuntakokeilu.web.clock import today


def profile_of(user) -> Profile | None:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    return getattr(user, "profile", None)


def role_of(user) -> str | None:
    profile = profile_of(user)
    return profile.role if profile else None


def can_see_people(user) -> bool:
    return role_of(user) in (*AREA_ROLES, Role.ADMINISTRATOR)


def can_audit(user) -> bool:
    """Who may read the audit log of a client (the data-protection view)."""
    return role_of(user) in (Role.DATA_PROTECTION_OFFICER, Role.ADMINISTRATOR)


def can_manage_area(user) -> bool:
    return role_of(user) in (Role.AREA_MANAGER, Role.ADMINISTRATOR)


def visible_clients(user) -> QuerySet[Client]:
    """The clients ``user`` may see: their area's, all for an administrator, none otherwise."""
    profile = profile_of(user)
    if profile is None:
        return Client.objects.none()
    if profile.role == Role.ADMINISTRATOR:
        return Client.objects.all()
    if profile.role in AREA_ROLES:
        return Client.objects.filter(area_id=profile.area_id)
    return Client.objects.none()


def one_of(visible: QuerySet, pk, what: str):
    """Object ``pk`` among the ``visible`` ones; else 404, as if it did not exist."""
    try:
        return visible.get(pk=pk)
    except (visible.model.DoesNotExist, ValueError, TypeError):
        raise Http404(f"no such {what}") from None


def get_client(user, pk) -> Client:
    """The client ``pk`` if ``user`` may see it; else 404."""
    return one_of(visible_clients(user), pk, "client")


def visible_plans(user) -> QuerySet[Plan]:
    """The plans of the clients ``user`` may see."""
    return Plan.objects.filter(client__in=visible_clients(user))


def get_plan(user, pk, *, client: Client | None = None) -> Plan:
    """The plan ``pk`` if ``user`` may see its client (and it is ``client``'s, when given);
    else 404."""
    plans = visible_plans(user) if client is None else visible_plans(user).filter(client=client)
    return one_of(plans.select_related("client", "current_version"), pk, "plan")


def visible_quotas(user) -> QuerySet[Quota]:
    """The quotas ``user`` may see and adjust: their area's (area manager), all (administrator)."""
    profile = profile_of(user)
    if profile is None:
        return Quota.objects.none()
    if profile.role == Role.ADMINISTRATOR:
        return Quota.objects.all()
    if profile.role == Role.AREA_MANAGER:
        return Quota.objects.filter(area_id=profile.area_id)
    return Quota.objects.none()


def get_quota(user, pk) -> Quota:
    """The quota ``pk`` if ``user`` may see it; else 404."""
    return one_of(visible_quotas(user).select_related("area"), pk, "quota")


# -- services: decisions, job offers and reports to the TE office --------------------------


def municipalities_of_ely(ely_code: str, on: dt.date) -> list[str]:
    """Codes of the municipalities in ELY area ``ely_code`` in the division in force on ``on``."""
    municipalities = reference_data().municipalities(on)
    return municipalities.filter(pl.col("ely_code") == ely_code)["code"].to_list()


def visible_reports(user, on: dt.date | None = None) -> QuerySet[TeReport]:
    """The reports ``user`` may see (``on``: the day whose municipal division decides)."""
    profile = profile_of(user)
    reports = TeReport.objects.select_related("client", "job_offer")
    if profile is None:
        return reports.none()
    if profile.role == Role.ADMINISTRATOR:
        return reports.all()
    if profile.role in AREA_ROLES:
        return reports.filter(client__area_id=profile.area_id)
    if profile.role == Role.TE_OFFICER and profile.te_ely_code:
        codes = municipalities_of_ely(profile.te_ely_code, on or today())
        return reports.filter(client__home_municipality__in=codes)
    return reports.none()


def get_report(user, pk) -> TeReport:
    """The report ``pk`` if ``user`` may see it; else 404, as if it did not exist."""
    return one_of(visible_reports(user), pk, "report")


def visible_te_office_exceptions(user, on: dt.date | None = None) -> QuerySet[TeOfficeException]:
    """The TE office's discretionary referral exceptions ``user`` may see: all (administrator);
    a TE officer, those about people whose home municipality lies in the officer's ELY area
    (``on``'s division), as for reports; nobody else any. The exception names only the person,
    so one about someone who never became a client (no home municipality on record) is seen
    by administrators only."""
    profile = profile_of(user)
    exceptions = TeOfficeException.objects.all()
    if profile is None:
        return exceptions.none()
    if profile.role == Role.ADMINISTRATOR:
        return exceptions
    if profile.role == Role.TE_OFFICER and profile.te_ely_code:
        codes = municipalities_of_ely(profile.te_ely_code, on or today())
        people = Client.objects.filter(home_municipality__in=codes).values("person_id")
        return exceptions.filter(person_id__in=people)
    return exceptions.none()


def visible_decisions(user) -> QuerySet[ServiceDecision]:
    return ServiceDecision.objects.filter(client__in=visible_clients(user))


def get_decision(user, pk) -> ServiceDecision:
    return one_of(visible_decisions(user).select_related("client"), pk, "decision")


def visible_job_offers(user) -> QuerySet[JobOffer]:
    return JobOffer.objects.filter(client__in=visible_clients(user))


def get_job_offer(user, pk) -> JobOffer:
    return one_of(visible_job_offers(user).select_related("client"), pk, "job offer")


def can_see_reports(user) -> bool:
    """Whose roles have a reports page at all (others get 404 for it)."""
    return role_of(user) in (*AREA_ROLES, Role.TE_OFFICER, Role.ADMINISTRATOR)


def can_update_report_status(user) -> bool:
    """The TE office updates a report's status (an administrator may too)."""
    return role_of(user) in (Role.TE_OFFICER, Role.ADMINISTRATOR)


# -- monitoring indicators: aggregates of areas, never a person ----------------------------------

#: Roles that see the monitoring dashboards (figures of areas; no person on them).
INDICATOR_ROLES = (*AREA_ROLES, Role.TE_OFFICER, Role.MINISTRY_ANALYST, Role.ADMINISTRATOR)


def can_see_indicators(user) -> bool:
    return role_of(user) in INDICATOR_ROLES


def visible_indicator_areas(user, on: dt.date | None = None) -> QuerySet[Area]:
    """The areas whose monitoring figures ``user`` may see: every area (ministry analyst,
    administrator); their own (case worker, area manager); a TE officer, the areas with a member
    municipality in the officer's ELY area (``on``'s division), the areas the TE office refers
    clients to; nobody else any. The figures of the comparison groups go with any area."""
    profile = profile_of(user)
    if profile is None or profile.role not in INDICATOR_ROLES:
        return Area.objects.none()
    if profile.role in (Role.MINISTRY_ANALYST, Role.ADMINISTRATOR):
        return Area.objects.all()
    if profile.role in AREA_ROLES:
        return Area.objects.filter(pk=profile.area_id)
    codes = municipalities_of_ely(profile.te_ely_code, on or today()) if profile.te_ely_code else []
    members = AreaMembership.objects.filter(municipality_code__in=codes).values("area_id")
    return Area.objects.filter(pk__in=members)


def get_indicator_area(user, area_id: str) -> Area:
    """The area ``area_id`` if ``user`` may see its figures; else 404, as if it did not exist."""
    try:
        return visible_indicator_areas(user).get(area_id=area_id)
    except Area.DoesNotExist:
        raise Http404("no such area") from None


def can_approve_indicators(user) -> bool:
    """Who locks a month's figures: the ministry analyst (or an administrator), nationally."""
    return role_of(user) in (Role.MINISTRY_ANALYST, Role.ADMINISTRATOR)
