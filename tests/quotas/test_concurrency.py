"""Simultaneous decisions against one quota on a real PostgreSQL server: never past the cap.

Each thread has its own database connection (Django's connections are per thread) and waits at a
barrier, so that all of them consume at the same moment. ``transactional_db``: the threads must
see each other's commits.

Measured here (PostgreSQL 15, 25 threads, a cap that fits 10): consume() granted exactly 10 and
refused 15, used = cap = 10 000 €; the naive read-then-write (last test) granted all 25, i.e.
25 000 € of decisions against a cap of 10 000 €, while the stored use said 1 000 €.
"""

import threading
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.db.models import Sum

from kuntakokeilu.quotas.actions import (
    NothingToRelease,
    QuotaExceeded,
    adjust,
    consume,
    release,
)
from kuntakokeilu.quotas.models import Quota, QuotaUse
from tests.quotas.conftest import PERIOD, make_quota

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 25
DAY = PERIOD[0]
SECONDS = 60


def at_once(n: int, work: Callable[[int], object]) -> list:
    """Run ``work(i)`` in ``n`` threads released together; each result or the exception raised."""
    barrier = threading.Barrier(n, timeout=SECONDS)
    results: list = [None] * n

    def worker(i: int) -> None:
        try:
            connection.ensure_connection()  # connect first, so that the start is simultaneous
            barrier.wait()
            results[i] = work(i)
        except Exception as error:  # the test inspects what each thread got
            results[i] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(SECONDS)
    assert not any(t.is_alive() for t in threads), "a thread did not finish"
    return results


def granted(results: list) -> list:
    return [r for r in results if isinstance(r, Quota)]


def refused(results: list) -> list:
    return [r for r in results if isinstance(r, QuotaExceeded)]


def assert_ledger_adds_up(quota: Quota) -> None:
    quota.refresh_from_db()
    sums = QuotaUse.objects.filter(quota=quota).aggregate(e=Sum("euros"), p=Sum("places"))
    assert (sums["e"] or Decimal(0), sums["p"] or 0) == (quota.used_euros, quota.used_places)
    assert quota.used_euros <= quota.cap_euros
    assert quota.cap_places is None or quota.used_places <= quota.cap_places


def test_simultaneous_decisions_never_pass_the_euro_cap(helsinki):
    quota = make_quota(helsinki, cap_euros="10000.00", cap_places=None)  # fits 10 of 1 000 €

    results = at_once(
        THREADS,
        lambda i: consume(
            area=helsinki,
            service="wage_subsidy",
            on=DAY,
            euros="1000.00",
            places=1,
            reference=f"service_decision:{i}",
        ),
    )

    assert len(granted(results)) == 10
    assert len(refused(results)) == THREADS - 10, [r for r in results if not isinstance(r, Quota)]
    assert_ledger_adds_up(quota)
    assert quota.used_euros == Decimal("10000.00")
    assert QuotaUse.objects.filter(quota=quota).count() == 10


def test_simultaneous_decisions_never_pass_the_places_cap(helsinki):
    quota = make_quota(helsinki, cap_euros="1000000.00", cap_places=7)

    results = at_once(
        THREADS,
        lambda i: consume(area=helsinki, service="wage_subsidy", on=DAY, euros="100.00", places=1),
    )

    assert len(granted(results)) == 7
    assert len(refused(results)) == THREADS - 7
    assert all(r.remaining_places == 0 for r in refused(results))
    assert_ledger_adds_up(quota)
    assert quota.used_places == 7


def test_simultaneous_decisions_of_different_sizes_stay_within_the_cap(helsinki):
    quota = make_quota(helsinki, cap_euros="25000.00", cap_places=None)
    amounts = [Decimal(500 + 250 * (i % 7)) for i in range(THREADS)]  # 500–2 000 €, 29 750 € in all

    results = at_once(
        THREADS,
        lambda i: consume(area=helsinki, service="wage_subsidy", on=DAY, euros=amounts[i]),
    )

    assert len(granted(results)) + len(refused(results)) == THREADS
    assert len(refused(results)) > 0
    assert_ledger_adds_up(quota)
    assert quota.used_euros == sum(
        a for a, r in zip(amounts, results, strict=True) if isinstance(r, Quota)
    )
    # every refusal was real: what it asked for did not fit in what was left when it ran
    assert all(r.asked_euros > r.remaining_euros for r in refused(results))


def test_a_cancelled_decision_released_many_times_at_once_is_given_back_once(helsinki):
    quota = make_quota(helsinki, cap_euros="10000.00", cap_places=10)
    consume(
        area=helsinki,
        service="wage_subsidy",
        on=DAY,
        euros="3000.00",
        places=1,
        reference="service_decision:1",
    )
    consume(
        area=helsinki,
        service="wage_subsidy",
        on=DAY,
        euros="2000.00",
        places=1,
        reference="service_decision:2",
    )

    results = at_once(20, lambda i: release(reference="service_decision:1", on=DAY))

    assert sum(isinstance(r, list) for r in results) == 1
    assert sum(isinstance(r, NothingToRelease) for r in results) == 19
    assert_ledger_adds_up(quota)
    assert (quota.used_euros, quota.used_places) == (Decimal("2000.00"), 1)


def test_lowering_the_cap_while_decisions_are_made_never_leaves_use_above_it(helsinki, manager):
    quota = make_quota(helsinki, cap_euros="20000.00", cap_places=None)

    def work(i: int):
        if i == 0:
            return adjust(
                quota, new_cap_euros="10000.00", new_cap_places=None, reason="cut", by=manager
            )
        return consume(area=helsinki, service="wage_subsidy", on=DAY, euros="1000.00")

    results = at_once(THREADS, work)

    assert_ledger_adds_up(quota)
    decisions = len(granted(results[1:]))
    assert quota.used_euros == 1000 * decisions
    if quota.cap_euros == Decimal("10000.00"):  # the cut came in time
        assert decisions <= 10
    else:  # more than 10 000 € was used already: the cut was refused
        assert decisions > 10


def naive_consume(quota_pk: int, euros: Decimal, everyone_has_read: threading.Barrier) -> bool:
    """The wrong way: read, check in Python, write back. (What consume() must never be.)"""
    with transaction.atomic():
        quota = Quota.objects.get(pk=quota_pk)
        if quota.used_euros + euros > quota.cap_euros:
            return False
        everyone_has_read.wait()
        quota.used_euros += euros
        quota.save(update_fields=["used_euros"])
        QuotaUse.objects.create(quota=quota, kind="consume", euros=euros, on=DAY)
    return True


def test_a_naive_read_then_write_would_grant_more_than_the_cap(helsinki):
    quota = make_quota(helsinki, cap_euros="10000.00", cap_places=None)
    everyone_has_read = threading.Barrier(THREADS, timeout=SECONDS)

    results = at_once(
        THREADS, lambda i: naive_consume(quota.pk, Decimal("1000.00"), everyone_has_read)
    )

    quota.refresh_from_db()
    decided = QuotaUse.objects.filter(quota=quota).aggregate(e=Sum("euros"))["e"]
    assert results.count(True) == THREADS  # 25 decisions granted against a cap that fits 10
    assert decided == Decimal("25000.00") > quota.cap_euros
    assert quota.used_euros == Decimal("1000.00")  # and the lost updates hide it
