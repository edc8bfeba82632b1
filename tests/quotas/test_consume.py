"""consume() and release(): within the cap, never beyond it, and the ledger always adds up."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import Sum
from django.utils import translation

from kuntakokeilu.quotas import actions
from kuntakokeilu.quotas.actions import (
    NoQuota,
    NothingToRelease,
    QuotaExceeded,
    consume,
    release,
)
from kuntakokeilu.quotas.models import Quota, QuotaUse
from tests.quotas.conftest import make_quota

pytestmark = pytest.mark.django_db
DAY = dt.date(2021, 6, 1)


def ledger_sum(quota: Quota) -> tuple[Decimal, int]:
    sums = quota.uses.aggregate(euros=Sum("euros"), places=Sum("places"))
    return sums["euros"] or Decimal(0), sums["places"] or 0


def test_a_decision_within_the_cap_is_taken_from_the_quota_and_written_to_the_ledger(helsinki):
    quota = make_quota(helsinki, cap_euros="10000.00", cap_places=10)
    after = consume(
        area=helsinki,
        service="wage_subsidy",
        on=DAY,
        euros="2500.50",
        places=1,
        reference="service_decision:1",
    )
    assert (after.pk, after.used_euros, after.used_places) == (quota.pk, Decimal("2500.50"), 1)
    use = QuotaUse.objects.get()
    assert (use.kind, use.euros, use.places, use.on, use.reference) == (
        "consume",
        Decimal("2500.50"),
        1,
        DAY,
        "service_decision:1",
    )


def test_a_decision_that_uses_exactly_what_is_left_fits(helsinki):
    make_quota(helsinki, cap_euros="10000.00", cap_places=2)
    consume(area=helsinki, service="wage_subsidy", on=DAY, euros="4000.00", places=1)
    after = consume(area=helsinki, service="wage_subsidy", on=DAY, euros="6000.00", places=1)
    assert (after.remaining_euros, after.remaining_places) == (Decimal("0.00"), 0)


def test_cents_add_up_exactly_to_the_cap(helsinki):
    make_quota(helsinki, cap_euros="0.30", cap_places=None)
    consume(area=helsinki, service="wage_subsidy", on=DAY, euros="0.10")
    after = consume(area=helsinki, service="wage_subsidy", on=DAY, euros="0.20")
    assert after.remaining_euros == Decimal("0.00")


def test_a_decision_beyond_the_cap_is_refused_with_what_is_left_and_nothing_is_written(helsinki):
    quota = make_quota(helsinki, cap_euros="12345.67", cap_places=10)
    consume(area=helsinki, service="wage_subsidy", on=DAY, euros="10000.00", places=1)
    with pytest.raises(QuotaExceeded) as refused:
        consume(area=helsinki, service="wage_subsidy", on=DAY, euros="9000.00", places=1)
    assert refused.value.remaining_euros == Decimal("2345.67")
    assert refused.value.remaining_places == 9
    assert refused.value.quota.pk == quota.pk
    with translation.override("en"):
        message = str(refused.value)
    assert "2\xa0345,67\xa0€" in message
    assert "9\xa0000,00\xa0€" in message
    assert "1.3.2021–31.12.2021" in message
    quota.refresh_from_db()
    assert (quota.used_euros, quota.used_places) == (Decimal("10000.00"), 1)
    assert QuotaUse.objects.count() == 1


def test_the_refusal_speaks_the_readers_language(helsinki):
    make_quota(helsinki, cap_euros="1000.00", cap_places=1)
    with pytest.raises(QuotaExceeded) as refused:
        consume(area=helsinki, service="wage_subsidy", on=DAY, euros="1500.00", places=1)
    with translation.override("fi"):
        finnish = str(refused.value)
    with translation.override("sv"):
        swedish = str(refused.value)
    assert "palkkatuki" in finnish
    assert "1\xa0000,00\xa0€" in finnish
    assert "lönesubvention" in swedish


def test_a_decision_beyond_the_places_is_refused_even_when_the_euros_fit(helsinki):
    make_quota(helsinki, cap_euros="100000.00", cap_places=1)
    consume(area=helsinki, service="wage_subsidy", on=DAY, euros="1000.00", places=1)
    with pytest.raises(QuotaExceeded) as refused:
        consume(area=helsinki, service="wage_subsidy", on=DAY, euros="1000.00", places=1)
    assert (refused.value.remaining_euros, refused.value.remaining_places) == (
        Decimal("99000.00"),
        0,
    )
    assert QuotaUse.objects.count() == 1


def test_a_quota_without_a_places_cap_limits_only_euros(helsinki):
    make_quota(helsinki, cap_euros="1000.00", cap_places=None)
    after = consume(area=helsinki, service="wage_subsidy", on=DAY, euros="1000.00", places=50)
    assert after.used_places == 50
    with pytest.raises(QuotaExceeded) as refused:
        consume(area=helsinki, service="wage_subsidy", on=DAY, euros="0.01")
    assert refused.value.remaining_places is None


def test_a_day_no_quota_covers_is_refused(helsinki):
    make_quota(helsinki)
    with pytest.raises(NoQuota):
        consume(area=helsinki, service="wage_subsidy", on=dt.date(2022, 1, 1), euros="1.00")
    with pytest.raises(NoQuota):
        consume(area=helsinki, service="training", on=DAY, euros="1.00")
    assert QuotaUse.objects.count() == 0


def test_another_areas_quota_is_not_used(helsinki, espoo):
    make_quota(espoo)
    with pytest.raises(NoQuota):
        consume(area=helsinki, service="wage_subsidy", on=DAY, euros="1.00")


@pytest.mark.parametrize("euros", ["-1.00", "0.001", "abc", float("nan"), "1e12"])
def test_an_amount_that_is_not_whole_non_negative_cents_is_refused(helsinki, euros):
    make_quota(helsinki)
    with pytest.raises(ValueError, match="euros"):
        consume(area=helsinki, service="wage_subsidy", on=DAY, euros=euros)


def test_the_database_refuses_a_direct_overspend_of_euros(helsinki):
    quota = make_quota(helsinki, cap_euros="1000.00")
    with pytest.raises(IntegrityError), transaction.atomic():
        Quota.objects.filter(pk=quota.pk).update(used_euros=Decimal("1000.01"))


def test_the_database_refuses_a_direct_overspend_of_places(helsinki):
    quota = make_quota(helsinki, cap_places=3)
    with pytest.raises(IntegrityError), transaction.atomic():
        Quota.objects.filter(pk=quota.pk).update(used_places=4)


def test_the_database_refuses_negative_use(helsinki):
    quota = make_quota(helsinki)
    with pytest.raises(IntegrityError), transaction.atomic():
        Quota.objects.filter(pk=quota.pk).update(used_euros=Decimal("-0.01"))


class SerializationFailure(Exception):
    sqlstate = "40001"


def fail_first(monkeypatch, times: int) -> list[int]:
    """Make the first ``times`` conditional updates fail as PostgreSQL's serialisation failure."""
    calls = []
    real = actions._consume

    def flaky(*args):
        calls.append(1)
        if len(calls) <= times:
            raise OperationalError("could not serialize access") from SerializationFailure()
        return real(*args)

    monkeypatch.setattr(actions, "_consume", flaky)
    monkeypatch.setattr(actions, "BACKOFF", 0)
    return calls


@pytest.mark.django_db(transaction=True)  # retries need a transaction of their own
def test_a_serialisation_failure_is_retried(helsinki, monkeypatch):
    quota = make_quota(helsinki)
    calls = fail_first(monkeypatch, 2)
    consume(area=helsinki, service="wage_subsidy", on=DAY, euros="100.00", places=1)
    quota.refresh_from_db()
    assert len(calls) == 3
    assert ledger_sum(quota) == (quota.used_euros, quota.used_places) == (Decimal("100.00"), 1)


@pytest.mark.django_db(transaction=True)  # retries need a transaction of their own
def test_a_serialisation_failure_that_persists_is_passed_on(helsinki, monkeypatch):
    make_quota(helsinki)
    calls = fail_first(monkeypatch, actions.ATTEMPTS)
    with pytest.raises(OperationalError):
        consume(area=helsinki, service="wage_subsidy", on=DAY, euros="100.00")
    assert len(calls) == actions.ATTEMPTS
    assert QuotaUse.objects.count() == 0


@pytest.mark.django_db(transaction=True)  # retries need a transaction of their own
def test_inside_the_callers_transaction_a_serialisation_failure_is_left_to_the_caller(
    helsinki, monkeypatch
):
    make_quota(helsinki)
    calls = fail_first(monkeypatch, 1)
    with pytest.raises(OperationalError), transaction.atomic():
        consume(area=helsinki, service="wage_subsidy", on=DAY, euros="100.00")
    assert len(calls) == 1


@pytest.mark.django_db(transaction=True)  # retries need a transaction of their own
def test_other_database_errors_are_not_retried(helsinki, monkeypatch):
    make_quota(helsinki)
    calls = []

    def broken(*args):
        calls.append(1)
        raise OperationalError("disk full")

    monkeypatch.setattr(actions, "_consume", broken)
    with pytest.raises(OperationalError):
        consume(area=helsinki, service="wage_subsidy", on=DAY, euros="100.00")
    assert len(calls) == 1


def test_releasing_a_cancelled_decision_gives_back_what_it_took(helsinki):
    quota = make_quota(helsinki, cap_euros="10000.00", cap_places=2)
    consume(
        area=helsinki,
        service="wage_subsidy",
        on=DAY,
        euros="3000.00",
        places=1,
        reference="service_decision:7",
    )
    consume(
        area=helsinki,
        service="wage_subsidy",
        on=DAY,
        euros="2000.00",
        places=1,
        reference="service_decision:8",
    )
    [after] = release(reference="service_decision:7", on=dt.date(2021, 6, 15))
    assert (after.pk, after.used_euros, after.used_places) == (quota.pk, Decimal("2000.00"), 1)
    back = QuotaUse.objects.get(kind="release")
    assert (back.euros, back.places, back.on) == (Decimal("-3000.00"), -1, dt.date(2021, 6, 15))
    assert ledger_sum(after) == (after.used_euros, after.used_places)


def test_a_decision_is_released_only_once(helsinki):
    make_quota(helsinki)
    consume(
        area=helsinki,
        service="wage_subsidy",
        on=DAY,
        euros="3000.00",
        places=1,
        reference="service_decision:7",
    )
    release(reference="service_decision:7")
    with pytest.raises(NothingToRelease):
        release(reference="service_decision:7")
    with pytest.raises(NothingToRelease):
        release(reference="service_decision:unknown")
    assert Quota.objects.get().used_euros == Decimal("0.00")


def test_a_release_needs_a_reference(helsinki):
    with pytest.raises(ValueError, match="reference"):
        release(reference=" ")
