"""The case-work tests' fixtures: the reference data for the package, areas and people."""

import pytest
from django.utils import translation

from tests.casework import factories
from tests.reference_tables import loaded as reference_loaded


@pytest.fixture(autouse=True)
def english():
    """Messages in English (the message ids) unless a test asks for another language."""
    with translation.override("en"):
        yield


@pytest.fixture(scope="package")
def reference_tables(django_db_setup, django_db_blocker):
    """The reference data, loaded once for these tests (each test rolls back its own changes)
    and removed after them, so that the tests of other packages start from empty tables."""
    with reference_loaded(django_db_blocker):
        yield


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
