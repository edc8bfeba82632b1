"""Personas and quotas for the quota tests (reference data loaded: the 25 experiment areas)."""

import datetime as dt
import itertools
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from kuntakokeilu.accounts.models import Profile, Role
from kuntakokeilu.areas.models import Area
from kuntakokeilu.clients.models import Client
from kuntakokeilu.quotas.models import Quota

PERIOD = (dt.date(2021, 3, 1), dt.date(2021, 12, 31))
_person_numbers = itertools.count(1)


@pytest.fixture
def reference(db):
    call_command("load_reference", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture
def helsinki(reference) -> Area:
    return Area.objects.get(area_id="helsinki")


@pytest.fixture
def espoo(reference) -> Area:
    return Area.objects.get(area_id="espoo")


def make_clients(area: Area | None, n: int) -> None:
    Client.objects.bulk_create(
        Client(
            person_id=f"T{next(_person_numbers):010d}",
            birth_date=dt.date(1980, 1, 1),
            home_municipality="091",
            status="unemployed",
            earnings_related=False,
            immigrant=False,
            language="fi",
            registered_on=dt.date(2020, 1, 1),
            area=area,
        )
        for _ in range(n)
    )


def make_quota(
    area: Area,
    service: str = "wage_subsidy",
    cap_euros: str = "10000.00",
    cap_places: int | None = 10,
    period: tuple[dt.date, dt.date] = PERIOD,
) -> Quota:
    return Quota.objects.create(
        area=area,
        service=service,
        period_start=period[0],
        period_end=period[1],
        cap_euros=Decimal(cap_euros),
        cap_places=cap_places,
    )


def make_user(username: str, role: str | None, area: Area | None = None) -> User:
    user = User.objects.create_user(username)  # no password: tests sign in with force_login
    if role is not None:
        Profile.objects.create(user=user, role=role, area=area, language="en")
    return user


@pytest.fixture
def manager(helsinki) -> User:
    return make_user("helsinki-manager", Role.AREA_MANAGER, helsinki)


@pytest.fixture
def espoo_manager(espoo) -> User:
    return make_user("espoo-manager", Role.AREA_MANAGER, espoo)


@pytest.fixture
def case_worker(helsinki) -> User:
    return make_user("helsinki-case-worker", Role.CASE_WORKER, helsinki)


@pytest.fixture
def analyst(reference) -> User:
    return make_user("analyst", Role.MINISTRY_ANALYST)


@pytest.fixture
def administrator(reference) -> User:
    return make_user("administrator", Role.ADMINISTRATOR)
