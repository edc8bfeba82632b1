"""Test-wide fixtures and the PostgreSQL rules.

Tests marked ``postgres`` need a real PostgreSQL server. Locally, without one, they are skipped
with a message saying how to run them (``make test-postgres``). In CI (CI=true) they are not
skipped: the SQLite lane leaves them to the PostgreSQL lane, which fails if it has no server.
Tests that touch the database are marked ``database`` automatically, so the PostgreSQL lane runs
every one of them against the real server.
"""

import os
import shutil

import pytest
from django.db import connection

DATABASE_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
}


def on_postgres() -> bool:
    return connection.vendor == "postgresql"


CHROMIUM = os.environ.get("KUNTAKOKEILU_CHROMIUM", "/usr/bin/chromium")


def chromium_missing() -> bool:
    return shutil.which(CHROMIUM) is None


def pytest_collection_modifyitems(config, items):
    mark_browser_tests(items)
    for item in items:
        if DATABASE_FIXTURES & set(item.fixturenames) or item.get_closest_marker("django_db"):
            item.add_marker(pytest.mark.database)
    if on_postgres():
        return
    if os.environ.get("CI") == "true":
        kept = [i for i in items if not i.get_closest_marker("postgres")]
        config.hook.pytest_deselected(items=[i for i in items if i.get_closest_marker("postgres")])
        items[:] = kept
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL: run `make test-postgres` (starts a server)")
    for item in items:
        if item.get_closest_marker("postgres"):
            item.add_marker(skip)


def mark_browser_tests(items) -> None:
    """Browser tests need Debian's chromium: skipped locally without it (with how to get it),
    never in CI, where a missing browser fails the test."""
    if not chromium_missing() or os.environ.get("CI") == "true":
        return
    skip = pytest.mark.skip(reason=f"needs {CHROMIUM}: apt-get install chromium (.ci/run does)")
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(skip)


def pytest_sessionstart(session):
    if os.environ.get("KUNTAKOKEILU_REQUIRE_POSTGRES") == "1" and not on_postgres():
        raise pytest.UsageError(
            "KUNTAKOKEILU_REQUIRE_POSTGRES=1 but DATABASE_URL does not point at PostgreSQL"
        )
