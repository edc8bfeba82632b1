"""The reference data for a test package: loaded once, removed after the package's tests, so
that the tests of other packages start from empty tables (each test rolls back its own changes).
A package's conftest wraps ``loaded`` in a package-scoped fixture (a fixture in a parent conftest
would be torn down only at the end of the session)."""

from __future__ import annotations

import io
from contextlib import contextmanager

from django.core.management import call_command
from django.db import transaction

from kuntakokeilu.applications.models import Application
from kuntakokeilu.areas.models import (
    Area,
    AreaMembership,
    ElyCentre,
    JobseekerMonth,
    Municipality,
    Population,
)

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


@contextmanager
def loaded(django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_reference", stdout=io.StringIO())
    yield
    with django_db_blocker.unblock(), transaction.atomic():
        for model in REFERENCE_MODELS:
            model.objects.all().delete()
