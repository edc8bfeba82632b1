"""Personas and clients for the API tests.

Two areas: Helsinki (the case worker's own; its client lives in Helsinki, 091, ELY area 01) and
Pirkanmaa (another area; its client lives in Tampere, 837, ELY area 05). Personas: a case worker
of each area, Helsinki's area manager, a TE officer of ELY area 01, an analyst, a data-protection
officer, an administrator, and nobody. Each client has a referral event, an interview, a
service-needs assessment, a plan, a job offer, a service decision, a TE report and a TE-office
exception.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import translation

from kuntakokeilu.accounts.models import Role
from kuntakokeilu.api.settings_fragment import API_APPS, REST_FRAMEWORK, SPECTACULAR_SETTINGS
from kuntakokeilu.areas.models import Area
from kuntakokeilu.casework import actions as casework
from kuntakokeilu.clients.models import TeOfficeException
from kuntakokeilu.quotas.models import Quota
from kuntakokeilu.services import actions as services
from kuntakokeilu.services.models import ServiceDecision
from tests.casework import factories

D = dt.date


@pytest.fixture(autouse=True)
def api_settings(settings):
    """The settings lines the API asks for (until settings.py imports the fragment)."""
    for app in API_APPS:
        if app not in settings.INSTALLED_APPS:
            settings.INSTALLED_APPS = [*settings.INSTALLED_APPS, app]
    settings.REST_FRAMEWORK = REST_FRAMEWORK
    settings.SPECTACULAR_SETTINGS = SPECTACULAR_SETTINGS


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):
        yield


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_reference", stdout=io.StringIO())


@pytest.fixture
def reference(db):
    if not Area.objects.filter(area_id="helsinki").exists():
        call_command("load_reference", stdout=io.StringIO())


@pytest.fixture
def worker(reference):
    return factories.case_worker("helsinki", name="maija")


@pytest.fixture
def other_worker(reference):
    return factories.case_worker("pirkanmaa", name="ville")


@pytest.fixture
def manager(reference):
    """Helsinki's area manager."""
    return factories.area_manager("helsinki", name="leena")


@pytest.fixture
def administrator(reference):
    return factories.user(Role.ADMINISTRATOR)


@pytest.fixture
def te_officer(reference):
    return factories.te_officer()


@pytest.fixture
def analyst(reference):
    return factories.analyst()


@pytest.fixture
def dpo(reference):
    return factories.dpo()


def with_rows(client, by):
    """A referral event, an interview, a service-needs assessment, a plan, a job offer, a service
    decision, a TE report and a TE-office exception for ``client``."""
    factories.with_referral_event(client)
    casework.record_interview(
        client, date=D(2022, 5, 5), kind="initial_interview", channel="in_person", by=by
    )
    assessment = casework.assess_service_needs(
        client, date=D(2022, 5, 5), needs=casework.ServiceNeeds(segment="job_placement"), by=by
    )
    plan = factories.with_plan(client, by, tasks=[("Apply for four jobs", D(2022, 6, 1))])
    offer = services.make_job_offer(
        client,
        actor=by,
        vacancy_title="Warehouse worker",
        employer="Varasto Oy",
        offered_on=D(2022, 6, 1),
        answer_by=D(2022, 6, 8),
    )
    decision = ServiceDecision.objects.create(  # test data: the quota is not what is tested
        client=client,
        area=client.area,
        kind="coaching",
        decided_on=D(2022, 6, 1),
        starts_on=D(2022, 6, 6),
        ends_on=D(2022, 7, 6),
        total_eur=Decimal("1200.00"),
    )
    report = services.make_te_report(
        client,
        actor=by,
        cause="missed_interview",
        event="Did not come to the discussion on 2.6.2022",
        facts="The client did not come and gave no reason.",
        on=D(2022, 6, 3),
    )
    exception = TeOfficeException.objects.create(
        person_id=client.person_id,
        kind="language_rights",
        reason="Served in Swedish at the TE office",
        valid_from=D(2022, 6, 1),
        valid_to=D(2022, 12, 31),
        recorded_by="te-officer",
    )
    return {
        "assessment": assessment,
        "plan": plan,
        "job_offer": offer,
        "decision": decision,
        "report": report,
        "exception": exception,
    }


@pytest.fixture
def own(worker):
    """A Helsinki client with every kind of row."""
    client = factories.referred_client(factories.area("helsinki"), last_name="Virtanen")
    return client, with_rows(client, worker)


@pytest.fixture
def other(other_worker):
    """A Pirkanmaa client (living in Tampere) with every kind of row."""
    client = factories.referred_client(
        factories.area("pirkanmaa"), last_name="Korhonen", home_municipality="837"
    )
    return client, with_rows(client, other_worker)


@pytest.fixture
def quotas(reference):
    """Helsinki's training and wage-subsidy quotas for 2022."""
    return {
        service: Quota.objects.create(
            area=factories.area("helsinki"),
            service=service,
            period_start=D(2022, 1, 1),
            period_end=D(2022, 12, 31),
            cap_euros=Decimal("10000.00"),
        )
        for service in ("training", "wage_subsidy")
    }


@pytest.fixture
def as_user(client):
    """``as_user(user)``: the test client signed in as ``user`` (None: anonymous)."""

    def sign_in(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return sign_in
