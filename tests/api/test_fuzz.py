"""The API fuzzed from its own OpenAPI schema (schemathesis), signed in as a Helsinki case worker
with the CSRF token, so writes reach the actions: no answer is a server error, and every answer
that the schema describes matches it.

schemathesis's pytest plugin (``from_fixture``) does not run under pytest 9 here (``'Function'
object has no attribute '_nodeid'``), so each operation's hypothesis strategy is driven directly.
"""

from __future__ import annotations

from contextlib import contextmanager

import schemathesis
from django.core import signals
from django.db import close_old_connections
from django.test import Client as Browser
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance

from kuntakokeilu.web.wsgi import application
from tests.api.endpoints import OPERATIONS

CSRF = "k" * 32  # any 32 letters: Django compares the cookie with the header
EXAMPLES = 20


def signed_in_schema(worker):
    """The schema as /api/schema/ serves it (to signed-in users), and the session cookies."""
    browser = Browser()
    browser.force_login(worker)
    response = browser.get("/api/schema/?format=json")
    assert response.status_code == 200
    loaded = schemathesis.openapi.from_dict(response.json())
    loaded.app = application
    cookies = {"sessionid": browser.cookies["sessionid"].value, "csrftoken": CSRF}
    return loaded, cookies


def fuzz(operation, cookies) -> None:
    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case):
        response = case.call(app=application, cookies=cookies, headers={"X-CSRFToken": CSRF})
        case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])

    run()


@contextmanager
def connection_kept_between_requests():
    """Calling the WSGI application directly (not through Django's test client) would let
    Django close the test's database connection at the end of each request (on PostgreSQL that
    ends the test's transaction; SQLite's in-memory test database ignores the close), as
    Django's own test client prevents; do the same here. Entered after the last request through
    the test client, which connects the handlers again when it is done."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def test_no_server_errors_on_any_operation(worker, own, other):
    schema, cookies = signed_in_schema(worker)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {(o.method.upper(), o.path) for o in operations} == OPERATIONS
    with connection_kept_between_requests():
        for operation in operations:
            try:
                fuzz(operation, cookies)
            except Exception as error:
                failed = f"{operation.method.upper()} {operation.path}: {error}"
                raise AssertionError(failed) from error
