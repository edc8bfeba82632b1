"""Twenty writers at once against a real PostgreSQL server leave one unbroken chain: every
writer locks the chain head, so no two entries follow the same hash."""

import threading

import pytest
from django.db import connection

from kuntakokeilu.audit.chain import verify
from kuntakokeilu.audit.models import AuditEntry, AuditHead

from .conftest import write_entries

WRITERS = 20
ENTRIES_EACH = 10


def verify_meanwhile(barrier: threading.Barrier, results: list) -> None:
    try:
        barrier.wait()
        for _ in range(10):
            results.append(verify())
    finally:
        connection.close()


def write_together(barrier: threading.Barrier, failures: list) -> None:
    try:
        barrier.wait()
        write_entries(ENTRIES_EACH)
    except Exception as error:
        failures.append(error)
    finally:
        connection.close()


def run_together(threads: list[threading.Thread]) -> None:
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_simultaneous_writers_leave_one_unbroken_chain():
    barrier, failures = threading.Barrier(WRITERS), []
    run_together(
        [threading.Thread(target=write_together, args=(barrier, failures)) for _ in range(WRITERS)]
    )
    assert failures == []
    result = verify()
    assert (result.ok, result.checked) == (True, WRITERS * ENTRIES_EACH), result.problem
    assert AuditHead.objects.get().entries == WRITERS * ENTRIES_EACH
    assert AuditEntry.objects.values("previous_hash").distinct().count() == WRITERS * ENTRIES_EACH


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_verification_while_entries_are_being_written_finds_nothing_wrong():
    barrier, failures, results = threading.Barrier(WRITERS + 1), [], []
    writers = [
        threading.Thread(target=write_together, args=(barrier, failures)) for _ in range(WRITERS)
    ]
    run_together([*writers, threading.Thread(target=verify_meanwhile, args=(barrier, results))])
    assert failures == []
    assert [r.problem for r in results if not r.ok] == []
    assert len(results) == 10
