import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import translation

from kuntakokeilu.applications.models import Application
from kuntakokeilu.areas.models import (
    Area,
    AreaMembership,
    ElyCentre,
    JobseekerMonth,
    Municipality,
    Population,
)
from tests.casework import factories

#: What ``load_reference`` fills, in an order that deletes dependants first.
REFERENCE_MODELS = (
    Application,
    AreaMembership,
    Area,
    Municipality,
    ElyCentre,
    Population,
    JobseekerMonth,
)


@pytest.fixture(autouse=True)
def english():
    """Messages in English (the message ids) unless a test asks for another language."""
    with translation.override("en"):
        yield


@pytest.fixture(scope="package")
def reference_tables(django_db_setup, django_db_blocker):
    """The reference data, loaded once for these tests (each test rolls back its own changes)
    and removed after them, so that the tests of other packages start from empty tables."""
    with django_db_blocker.unblock():
        call_command("load_reference", stdout=io.StringIO())
    yield
    with django_db_blocker.unblock(), transaction.atomic():
        for model in REFERENCE_MODELS:
            model.objects.all().delete()


@pytest.fixture
def reference(reference_tables, db):
    """The areas and municipalities."""


@pytest.fixture
def helsinki(reference):
    return factories.area("helsinki")


@pytest.fixture
def espoo(reference):
    return factories.area("espoo")


@pytest.fixture
def worker(helsinki):
    return factories.case_worker("helsinki", name="maija")


@pytest.fixture
def manager(helsinki):
    return factories.area_manager("helsinki", name="pekka")


@pytest.fixture
def signed_in(client, worker):
    """The test browser, signed in as a Helsinki case worker."""
    client.force_login(worker)
    return client
