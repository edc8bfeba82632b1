"""The dashboards tests' fixtures: the reference data (the 25 areas), a monitor output directory
(``monitor_output``) and a person of every role."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import translation

from kuntakokeilu.accounts.models import Role
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
from tests.dashboards.monitor_output import write_output

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
    with translation.override("en"):
        yield


@pytest.fixture(scope="package")
def reference_tables(django_db_setup, django_db_blocker):
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
def output(tmp_path):
    return write_output(tmp_path / "monitor")


@pytest.fixture
def people(reference):
    """One person of each role: the Helsinki case worker and area manager, an Espoo case
    worker, the ministry analyst, an administrator, a TE officer of ELY 01 (Uusimaa: Helsinki
    and Espoo, not Pirkanmaa) and the data-protection officer."""
    return {
        "worker": factories.case_worker("helsinki", name="dash-worker"),
        "manager": factories.area_manager("helsinki", name="dash-manager"),
        "espoo": factories.case_worker("espoo", name="dash-espoo"),
        "analyst": factories.analyst(),
        "admin": factories.user(Role.ADMINISTRATOR),
        "te": factories.te_officer(),
        "dpo": factories.dpo(),
    }
