"""Personas, a client and a settable clock for the audit tests."""

import datetime as dt
import io

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection

from kuntakokeilu.accounts.models import Profile, Role
from kuntakokeilu.areas.models import Area
from kuntakokeilu.audit import guard
from kuntakokeilu.audit.log import record
from kuntakokeilu.audit.models import Action, Purpose
from kuntakokeilu.clients.models import Client

IDENTITY_CODE = "131052-308T"


@pytest.fixture
def areas(db):
    call_command("load_reference", stdout=io.StringIO())


@pytest.fixture
def helsinki(areas):
    return Area.objects.get(area_id="helsinki")


@pytest.fixture
def make_user(areas):
    def make(username: str, role: str, area_id: str | None = None) -> User:
        user = User.objects.create_user(username=username, password="not-used-in-tests-123")
        area = Area.objects.get(area_id=area_id) if area_id else None
        Profile.objects.create(user=user, role=role, area=area, language="en")
        return user

    return make


@pytest.fixture
def dpo(make_user):
    return make_user("tietosuoja", Role.DATA_PROTECTION_OFFICER)


@pytest.fixture
def administrator(make_user):
    return make_user("yllapito", Role.ADMINISTRATOR)


@pytest.fixture
def case_worker(make_user):
    return make_user("virtanen.case", Role.CASE_WORKER, "helsinki")


@pytest.fixture
def analyst(make_user):
    return make_user("analyytikko", Role.MINISTRY_ANALYST)


@pytest.fixture
def person(helsinki):
    return Client.objects.create(
        person_id=IDENTITY_CODE,
        first_names="Aino",
        last_name="Esimerkki",
        birth_date=dt.date(1952, 10, 13),
        home_municipality="091",
        status="unemployed",
        earnings_related=False,
        immigrant=False,
        language="fi",
        registered_on=dt.date(2021, 1, 4),
        area=helsinki,
    )


def case_work_read(user, client, **extra):
    return record(
        actor=user,
        action=Action.READ,
        purpose=Purpose.CASE_WORK,
        object_kind="client",
        object_id=client.pk,
        client_id=client.pk,
        **extra,
    )


def write_entries(count: int, **extra) -> list:
    return [
        record(
            actor=None,
            action=Action.READ,
            purpose=Purpose.ADMINISTRATION,
            object_kind="test",
            object_id=i,
            **extra,
        )
        for i in range(count)
    ]


def tamper(sql: str, params=()) -> None:
    """What someone with database access does: drop the guard and change rows by hand."""
    guard.remove(connection)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


class Clock:
    def __init__(self, monkeypatch, start: dt.datetime):
        self.moment = start
        monkeypatch.setattr("django.utils.timezone.now", lambda: self.moment)

    def set(self, moment: dt.datetime) -> None:
        self.moment = moment


@pytest.fixture
def clock(monkeypatch):
    """A frozen clock: ``clock.set(...)`` moves it."""
    return Clock(monkeypatch, dt.datetime(2026, 6, 15, 9, 30, tzinfo=dt.UTC))
