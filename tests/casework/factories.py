"""People and clients for the case-work tests, in named states.

``referred_client(area, ...)`` is a client referred to ``area`` whose process state is computed;
``with_overdue_interview``, ``with_initial_interview``, ``with_plan`` move one to a named state.
Users: ``case_worker(area)``, ``area_manager(area)``, ``analyst()``, ``te_officer()``, ``dpo()``.
"""

from __future__ import annotations

import datetime as dt
import itertools

from django.contrib.auth import get_user_model

from kuntakokeilu.accounts.models import Profile, Role
from kuntakokeilu.areas.models import Area
from kuntakokeilu.casework import actions
from kuntakokeilu.casework.process import refresh_state
from kuntakokeilu.clients.models import Client, ReferralEvent, ReferralRun
from kuntakokeilu.rules.identity import check_character

D = dt.date
NORDIC_START = D(2022, 5, 2)
NORDIC_REGISTRATION = D(2022, 5, 3)
BORN = D(1990, 6, 15)
PLAN_DAY = D(2022, 5, 9)
_numbers = itertools.count(2)
_users = itertools.count(1)


def identity_code(born: dt.date) -> str:
    """A valid identity code (python-stdnum's rules) for someone born on ``born``."""
    number = next(_numbers)
    individual = f"{number % 898 + 2:03d}"
    sign = "-" if born.year < 2000 else "A"
    head = f"{born:%d%m%y}{sign}{individual}"
    return head + check_character(head)


def area(area_id: str = "helsinki") -> Area:
    return Area.objects.get(area_id=area_id)


def user(role: str, area_id: str | None = None, *, name: str = "", **profile):
    username = name or f"{role}{next(_users)}"
    person = get_user_model().objects.create_user(username, first_name=username.title())
    profile.setdefault("language", "en")  # the page language follows the profile
    Profile.objects.create(
        user=person, role=role, area=area(area_id) if area_id else None, **profile
    )
    return person


def case_worker(area_id: str = "helsinki", name: str = ""):
    return user(Role.CASE_WORKER, area_id, name=name)


def area_manager(area_id: str = "helsinki", name: str = ""):
    return user(Role.AREA_MANAGER, area_id, name=name)


def analyst():
    return user(Role.MINISTRY_ANALYST)


def te_officer():
    return user(Role.TE_OFFICER, te_ely_code="01")


def dpo():
    return user(Role.DATA_PROTECTION_OFFICER)


def referred_client(
    in_area: Area,
    *,
    registered_on: dt.date = NORDIC_REGISTRATION,
    born: dt.date = BORN,
    last_name: str = "Virtanen",
    first_names: str = "Aino Maria",
    with_state: bool = True,
    **fields,
) -> Client:
    """A client referred to ``in_area`` on the registration day, with the process state computed
    (so the work list shows the initial interview due)."""
    values = {
        "home_municipality": "091",
        "status": "unemployed",
        "earnings_related": False,
        "immigrant": False,
        "language": "fi",
        "unemployed_since": registered_on,
        "referred_on": registered_on,
        "reasons": "NO_EARNINGS_RELATED",
    } | fields
    client = Client.objects.create(
        person_id=identity_code(born),
        birth_date=born,
        first_names=first_names,
        last_name=last_name,
        registered_on=registered_on,
        area=in_area,
        **values,
    )
    if with_state:
        refresh_state(client)
    return client


def with_overdue_interview(in_area: Area, **fields) -> Client:
    """A client registered on 3.5.2022 and never interviewed: the initial interview was due
    on 10.5.2022."""
    return referred_client(in_area, registered_on=D(2022, 5, 3), **fields)


def with_initial_interview(client: Client, on: dt.date, by) -> Client:
    actions.record_interview(client, date=on, kind="initial_interview", channel="in_person", by=by)
    return client


def with_plan(client: Client, by, *, tasks=(), made_on: dt.date = PLAN_DAY):
    return actions.make_plan(
        client,
        kind="employment",
        made_on=made_on,
        job_search_obligation=None,
        tasks=[actions.TaskInput(*t) for t in tasks],
        by=by,
    )


def with_referral_event(client: Client, notice: str = "notices/helsinki_fi.html") -> Client:
    run, _ = ReferralRun.objects.get_or_create(
        extract_sha256="0" * 64, on=client.referred_on, defaults={"extract_name": "test.csv"}
    )
    ReferralEvent.objects.create(
        client=client,
        run=run,
        kind=ReferralEvent.Kind.NEWLY_REFERRED,
        on=client.referred_on,
        to_area=client.area.area_id,
        reasons=client.reasons,
        notice=notice,
    )
    return client
