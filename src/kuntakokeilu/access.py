"""The one access helper per object kind: every view and API endpoint gets objects through here.

Scope (docs/casework-design.md): case workers and area managers see the clients of their own area;
a TE officer sees reports about clients living in the officer's ELY area; an analyst never sees a
person; an administrator sees everything (audited by the views). Outside the scope the answer is
404 — the same as for an object that does not exist.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from kuntakokeilu.accounts.models import AREA_ROLES, Profile, Role
from kuntakokeilu.clients.models import Client
from kuntakokeilu.quotas.models import Quota


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
