"""size_quotas(): each experiment area's quotas from its clients, by the resources formula."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pytest

from kuntakokeilu.audit.models import AuditEntry
from kuntakokeilu.quotas.actions import adjust, consume, size_quotas
from kuntakokeilu.quotas.models import Quota
from kuntakokeilu.quotas.periods import period_months
from kuntakokeilu.rules.resources import quotas
from tests.quotas.conftest import PERIOD, make_clients, make_quota

pytestmark = pytest.mark.django_db
START, END = PERIOD


def sized(area, service: str) -> Quota:
    return Quota.objects.get(area=area, service=service, period_start=START)


def test_sizing_from_clients_is_the_resources_formula(helsinki, espoo):
    make_clients(helsinki, 1234)
    make_clients(espoo, 321)
    size_quotas(START, START, END)
    for area, clients in ((helsinki, 1234), (espoo, 321)):
        for expected in quotas(clients, START, period_months=10):
            quota = sized(area, expected.service)
            assert quota.cap_places == round(expected.places)
            assert quota.cap_euros == Decimal(repr(expected.euros)).quantize(
                Decimal("0.01"), rounding=ROUND_HALF_UP
            )
            assert (quota.used_euros, quota.used_places) == (Decimal("0.00"), 0)


def test_the_ten_months_of_2021_get_ten_twelfths_of_a_yearly_quota(helsinki):
    make_clients(helsinki, 1200)  # wage subsidy: 6 % a year at 9 000 € (quota_service_use)
    size_quotas(START, START, END)
    quota = sized(helsinki, "wage_subsidy")
    assert (quota.cap_places, quota.cap_euros) == (60, Decimal("540000.00"))
    assert (quota.period_start, quota.period_end) == (START, END)


def test_only_the_clients_an_area_is_responsible_for_count(helsinki, espoo):
    make_clients(helsinki, 1200)
    make_clients(espoo, 5000)
    make_clients(None, 5000)  # returned to the TE office
    size_quotas(START, START, END)
    assert sized(helsinki, "wage_subsidy").cap_places == 60


def test_every_experiment_area_gets_a_quota_of_each_service(reference):
    result = size_quotas(START, START, END)
    assert len(result) == Quota.objects.count() == 25 * 3
    assert {r.status for r in result} == {"created"}


def test_an_area_without_clients_gets_empty_quotas(helsinki):
    size_quotas(START, START, END)
    assert (sized(helsinki, "training").cap_euros, sized(helsinki, "training").cap_places) == (
        Decimal("0.00"),
        0,
    )


def test_sizing_twice_changes_nothing(helsinki):
    make_clients(helsinki, 1200)
    size_quotas(START, START, END)
    before = list(Quota.objects.order_by("pk").values())
    audit_rows = AuditEntry.objects.count()
    again = size_quotas(START, START, END)
    assert {r.status for r in again} == {"unchanged"}
    assert list(Quota.objects.order_by("pk").values()) == before
    assert AuditEntry.objects.count() == audit_rows


def test_sizing_again_follows_the_clients_now(helsinki):
    make_clients(helsinki, 1200)
    size_quotas(START, START, END)
    make_clients(helsinki, 1200)
    result = size_quotas(START, START, END)
    assert sized(helsinki, "wage_subsidy").cap_places == 120
    assert {r.status for r in result if r.quota.area_id == helsinki.pk} == {"updated"}


def test_sizing_again_keeps_a_quota_a_person_has_adjusted(helsinki, manager):
    make_clients(helsinki, 1200)
    size_quotas(START, START, END)
    adjust(
        sized(helsinki, "wage_subsidy"),
        new_cap_euros="600000.00",
        new_cap_places=70,
        reason="more long-term unemployed than expected",
        by=manager,
    )
    make_clients(helsinki, 1200)
    result = size_quotas(START, START, END)
    assert (sized(helsinki, "wage_subsidy").cap_places) == 70
    statuses = {r.quota.service: r.status for r in result if r.quota.area_id == helsinki.pk}
    assert statuses["wage_subsidy"] == "kept_adjusted"


def test_sizing_again_never_sets_a_cap_below_what_is_used(helsinki):
    make_clients(helsinki, 1200)
    size_quotas(START, START, END)
    consume(area=helsinki, service="wage_subsidy", on=START, euros="540000.00", places=60)
    helsinki.clients.update(area=None)  # they returned to the TE office
    result = size_quotas(START, START, END)
    quota = sized(helsinki, "wage_subsidy")
    assert (quota.cap_places, quota.cap_euros) == (60, Decimal("540000.00"))
    statuses = {r.quota.service: r.status for r in result if r.quota.area_id == helsinki.pk}
    assert statuses["wage_subsidy"] == "kept_in_use"


def test_a_period_overlapping_another_quota_is_refused(helsinki):
    make_quota(helsinki, period=(dt.date(2021, 1, 1), dt.date(2021, 6, 30)))
    with pytest.raises(ValueError, match="overlaps"):
        size_quotas(START, START, END)
    assert Quota.objects.count() == 1


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        (dt.date(2021, 3, 1), dt.date(2021, 12, 31), 10),
        (dt.date(2022, 1, 1), dt.date(2022, 12, 31), 12),
        (dt.date(2021, 1, 15), dt.date(2021, 2, 14), 1),
        (dt.date(2021, 3, 1), dt.date(2021, 3, 15), 15 / 31),
        (dt.date(2024, 2, 1), dt.date(2024, 2, 29), 1),
    ],
)
def test_a_period_is_counted_in_months_both_days_included(start, end, months):
    assert period_months(start, end) == pytest.approx(months)


@pytest.mark.parametrize(
    ("start", "end"),
    [(dt.date(2021, 3, 1), dt.date(2022, 3, 1)), (dt.date(2021, 3, 2), dt.date(2021, 3, 1))],
)
def test_a_period_longer_than_a_year_or_backwards_is_refused(start, end):
    with pytest.raises(ValueError, match="period"):
        period_months(start, end)
