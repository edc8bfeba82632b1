"""Personas, clients and quotas for the services tests.

Areas as the reference data names them (``helsinki``, ``pirkanmaa``). Personas: a case worker of
Helsinki (the clients' own area), a case worker of Pirkanmaa (another area), a TE officer of ELY
area 01 (Uusimaa: Helsinki), an analyst and a data-protection officer. Clients live in Helsinki
(091, ELY 01) or Tampere (837, ELY 05).
"""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.utils import translation

from kuntakokeilu.accounts.models import Profile, Role
from kuntakokeilu.areas.models import Area
from kuntakokeilu.clients.models import Client
from kuntakokeilu.quotas.models import Quota
from kuntakokeilu.rules.identity import check_character

_numbers = itertools.count(2)


@pytest.fixture(autouse=True)
def in_english():
    """Actions speak the active language; the tests read their English message ids."""
    with translation.override("en"):
        yield


@pytest.fixture
def reference(db):
    """The two areas the tests use, as ``load_reference`` writes them (loading all the reference
    tables takes a second a test; the ELY areas come from the reference files themselves). They
    may be there already: some other suites leave the reference tables loaded."""
    for area_id, name in (("helsinki", "Helsinki"), ("pirkanmaa", "Pirkanmaa")):
        Area.objects.get_or_create(
            area_id=area_id, defaults={"name": name, "kind": Area.Kind.EXPERIMENT_AREA}
        )


@pytest.fixture
def helsinki(reference) -> Area:
    return Area.objects.get(area_id="helsinki")


@pytest.fixture
def pirkanmaa(reference) -> Area:
    return Area.objects.get(area_id="pirkanmaa")


def person_id(number: int) -> str:
    stem = f"010180-{number:03d}"
    return stem + check_character(stem)


def make_client(area: Area, municipality: str = "091", **fields) -> Client:
    values = {
        "person_id": person_id(next(_numbers)),
        "first_names": "Maija",
        "last_name": "Meikäläinen",
        "birth_date": dt.date(1980, 1, 1),
        "home_municipality": municipality,
        "status": "unemployed",
        "earnings_related": False,
        "immigrant": False,
        "language": "fi",
        # unemployed since 4.11.2019: long enough for the 40 % wage subsidy in 2021
        "registered_on": dt.date(2019, 11, 4),
        "unemployed_since": dt.date(2019, 11, 4),
        "area": area,
        **fields,
    }
    return Client.objects.create(**values)


@pytest.fixture
def client_in_helsinki(helsinki) -> Client:
    return make_client(helsinki, "091")


@pytest.fixture
def client_in_tampere(pirkanmaa) -> Client:
    return make_client(pirkanmaa, "837", first_names="Matti", last_name="Virtanen")


def make_user(username: str, role: str, **profile) -> User:
    user = User.objects.create_user(username)  # no password: tests log in with force_login
    Profile.objects.create(user=user, role=role, language="en", **profile)
    return user


@pytest.fixture
def case_worker(helsinki) -> User:
    return make_user("helsinki-case-worker", Role.CASE_WORKER, area=helsinki)


@pytest.fixture
def other_case_worker(pirkanmaa) -> User:
    return make_user("pirkanmaa-case-worker", Role.CASE_WORKER, area=pirkanmaa)


@pytest.fixture
def te_officer(reference) -> User:
    return make_user("uusimaa-te-officer", Role.TE_OFFICER, te_ely_code="01")


@pytest.fixture
def analyst(reference) -> User:
    return make_user("analyst", Role.MINISTRY_ANALYST)


@pytest.fixture
def data_protection_officer(reference) -> User:
    return make_user("dpo", Role.DATA_PROTECTION_OFFICER)


def make_quota(
    area: Area,
    service: str = "wage_subsidy",
    cap_euros: str = "100000.00",
    cap_places: int | None = None,
    period: tuple[dt.date, dt.date] = (dt.date(2021, 1, 1), dt.date(2021, 12, 31)),
) -> Quota:
    return Quota.objects.create(
        area=area,
        service=service,
        period_start=period[0],
        period_end=period[1],
        cap_euros=Decimal(cap_euros),
        cap_places=cap_places,
    )


def year(y: int) -> tuple[dt.date, dt.date]:
    return dt.date(y, 1, 1), dt.date(y, 12, 31)


@pytest.fixture
def quotas(helsinki) -> dict[tuple[str, int], Quota]:
    """Ample quotas of every service for Helsinki, one a year 2021-2024."""
    return {
        (service, y): make_quota(helsinki, service, period=year(y))
        for service in ("wage_subsidy", "start_up_grant", "training")
        for y in range(2021, 2025)
    }
