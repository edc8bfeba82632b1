"""Demo users: every role, in two areas (Helsinki and Espoo), for trying the service out.

``ensure_demo_users`` is idempotent: a user that exists keeps its password unless the passwords
are reset; its profile is brought back to the spec. New passwords come from ``secrets``.
"""

from __future__ import annotations

import secrets
import string
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from kuntakokeilu.accounts.models import Profile, Role
from kuntakokeilu.areas.models import Area
from kuntakokeilu.audit.log import record

DEMO_AREAS = ("helsinki", "espoo")
UUSIMAA_ELY = "01"
PASSWORD_ALPHABET = string.ascii_letters + string.digits


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: Role
    area_id: str | None = None
    te_ely_code: str = ""
    language: str = "fi"
    superuser: bool = False

    @property
    def scope(self) -> str:
        if self.area_id:
            return self.area_id
        return f"ely-{self.te_ely_code}" if self.te_ely_code else "-"


DEMO_USERS = (
    DemoUser("helsinki-case-worker-1", "Aino", "Virtanen", Role.CASE_WORKER, "helsinki"),
    DemoUser("helsinki-case-worker-2", "Mikko", "Korhonen", Role.CASE_WORKER, "helsinki"),
    DemoUser("helsinki-area-manager", "Leena", "Mäkinen", Role.AREA_MANAGER, "helsinki"),
    DemoUser("espoo-case-worker-1", "Juha", "Nieminen", Role.CASE_WORKER, "espoo"),
    DemoUser("espoo-case-worker-2", "Elsa", "Lindqvist", Role.CASE_WORKER, "espoo", language="sv"),
    DemoUser("espoo-area-manager", "Sari", "Hämäläinen", Role.AREA_MANAGER, "espoo"),
    DemoUser("te-officer-uusimaa", "Pekka", "Laine", Role.TE_OFFICER, te_ely_code=UUSIMAA_ELY),
    DemoUser("ministry-analyst", "Riikka", "Heikkinen", Role.MINISTRY_ANALYST),
    DemoUser("data-protection-officer", "Tuomas", "Koskinen", Role.DATA_PROTECTION_OFFICER),
    DemoUser("administrator", "Hanna", "Järvinen", Role.ADMINISTRATOR, superuser=True),
)


@dataclass(frozen=True)
class Outcome:
    spec: DemoUser
    password: str | None  # None: the user existed and kept its password


class AreasMissing(Exception):
    """The demo areas are not in the database (the reference data is not loaded)."""


def new_password() -> str:
    """20 letters and digits (119 bits): nothing a shell or a form would trip over."""
    return "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(20))


def demo_areas() -> dict[str, Area]:
    areas = {a.area_id: a for a in Area.objects.filter(area_id__in=DEMO_AREAS)}
    if missing := sorted(set(DEMO_AREAS) - set(areas)):
        raise AreasMissing(", ".join(missing))
    return areas


def ensure_demo_users(*, reset_passwords: bool = False) -> list[Outcome]:
    with transaction.atomic():
        areas = demo_areas()
        return [ensure_user(spec, areas, reset_passwords) for spec in DEMO_USERS]


def ensure_user(spec: DemoUser, areas: dict[str, Area], reset_password: bool) -> Outcome:
    user, created = get_user_model().objects.update_or_create(
        username=spec.username,
        defaults={
            "first_name": spec.first_name,
            "last_name": spec.last_name,
            "is_staff": spec.superuser,
            "is_superuser": spec.superuser,
        },
    )
    Profile.objects.update_or_create(
        user=user,
        defaults={
            "role": spec.role,
            "area": areas.get(spec.area_id),
            "te_ely_code": spec.te_ely_code,
            "language": spec.language,
        },
    )
    password = new_password() if created or reset_password else None
    if password is not None:
        set_password(user, password, created)
    return Outcome(spec, password)


def set_password(user, password: str, created: bool) -> None:
    user.set_password(password)
    user.save(update_fields=["password"])
    record(
        actor=None,
        action="create" if created else "update",
        purpose="administration",
        object_kind="user",
        object_id=user.pk,
        detail="demo user created" if created else "demo user's password reset",
    )
