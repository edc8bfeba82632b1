"""The dashboards tests' fixtures: the reference data (the 25 areas), a monitor output directory
(``monitor_output``) and a person of every role."""

from __future__ import annotations

import pytest
from django.utils import translation

from kuntakokeilu.accounts.models import Role
from tests.casework import factories
from tests.dashboards.monitor_output import write_output
from tests.reference_tables import loaded as reference_loaded


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture(scope="package")
def reference_tables(django_db_setup, django_db_blocker):
    with reference_loaded(django_db_blocker):
        yield


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
