"""adjust(): a new cap needs a reason, never goes below what is used, and is audited."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from kuntakokeilu.audit.models import AuditEntry
from kuntakokeilu.quotas.actions import adjust, consume
from kuntakokeilu.quotas.models import QuotaAdjustment
from tests.quotas.conftest import make_quota

pytestmark = pytest.mark.django_db


def used_quota(area, euros="4000.00", places=2):
    quota = make_quota(area, cap_euros="10000.00", cap_places=5)
    consume(area=area, service="wage_subsidy", on=dt.date(2021, 6, 1), euros=euros, places=places)
    quota.refresh_from_db()
    return quota


def test_an_adjustment_changes_the_caps_and_records_who_why_and_what_was_before(helsinki, manager):
    quota = used_quota(helsinki)
    after = adjust(
        quota, new_cap_euros="15000.00", new_cap_places=7, reason="Extra funding", by=manager
    )
    assert (after.cap_euros, after.cap_places) == (Decimal("15000.00"), 7)
    change = QuotaAdjustment.objects.get()
    assert (change.old_cap_euros, change.new_cap_euros) == (
        Decimal("10000.00"),
        Decimal("15000.00"),
    )
    assert (change.old_cap_places, change.new_cap_places) == (5, 7)
    assert (change.reason, change.adjusted_by) == ("Extra funding", manager)


def test_an_adjustment_is_audited_for_supervision(helsinki, manager):
    quota = used_quota(helsinki)
    audit_rows = AuditEntry.objects.count()
    adjust(quota, new_cap_euros="9000.00", new_cap_places=5, reason="Cut", by=manager)
    entry = AuditEntry.objects.order_by("pk").last()
    assert AuditEntry.objects.count() == audit_rows + 1
    assert (entry.actor_id, entry.action, entry.purpose, entry.object_kind, entry.object_id) == (
        manager.pk,
        "update",
        "supervision",
        "quota",
        str(quota.pk),
    )


@pytest.mark.parametrize("reason", ["", "   \n "])
def test_an_adjustment_without_a_reason_is_refused_and_nothing_changes(helsinki, manager, reason):
    quota = used_quota(helsinki)
    audit_rows = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as refused:
        adjust(quota, new_cap_euros="20000.00", new_cap_places=5, reason=reason, by=manager)
    assert set(refused.value.message_dict) == {"reason"}
    quota.refresh_from_db()
    assert quota.cap_euros == Decimal("10000.00")
    assert QuotaAdjustment.objects.count() == 0
    assert AuditEntry.objects.count() == audit_rows


def test_a_cap_below_what_is_used_is_refused_with_the_amount_used(helsinki, manager):
    quota = used_quota(helsinki, euros="4000.00", places=2)
    with pytest.raises(ValidationError) as refused:
        adjust(quota, new_cap_euros="3999.99", new_cap_places=1, reason="Cut", by=manager)
    errors = refused.value.message_dict
    assert set(errors) == {"new_cap_euros", "new_cap_places"}
    assert "4\xa0000,00\xa0€" in errors["new_cap_euros"][0]
    quota.refresh_from_db()
    assert (quota.cap_euros, quota.cap_places) == (Decimal("10000.00"), 5)
    assert QuotaAdjustment.objects.count() == 0


def test_a_cap_exactly_at_what_is_used_is_allowed(helsinki, manager):
    quota = used_quota(helsinki, euros="4000.00", places=2)
    after = adjust(quota, new_cap_euros="4000.00", new_cap_places=2, reason="Freeze", by=manager)
    assert (after.remaining_euros, after.remaining_places) == (Decimal("0.00"), 0)


def test_the_places_limit_can_be_lifted(helsinki, manager):
    quota = used_quota(helsinki)
    after = adjust(
        quota, new_cap_euros="10000.00", new_cap_places=None, reason="Only euros", by=manager
    )
    assert after.cap_places is None


def test_an_adjustment_that_changes_nothing_is_refused(helsinki, manager):
    quota = used_quota(helsinki)
    with pytest.raises(ValidationError):
        adjust(quota, new_cap_euros="10000.00", new_cap_places=5, reason="Same", by=manager)


@pytest.mark.parametrize(("euros", "places"), [("-1.00", 5), ("1.001", 5), ("100.00", -1)])
def test_a_negative_or_fractional_cap_is_refused(helsinki, manager, euros, places):
    quota = used_quota(helsinki, euros="0.00", places=0)
    with pytest.raises(ValidationError):
        adjust(quota, new_cap_euros=euros, new_cap_places=places, reason="Typo", by=manager)
    assert QuotaAdjustment.objects.count() == 0


def test_the_database_refuses_an_adjustment_without_a_reason(helsinki, manager):
    quota = make_quota(helsinki)
    with pytest.raises(IntegrityError), transaction.atomic():
        QuotaAdjustment.objects.create(
            quota=quota,
            old_cap_euros=quota.cap_euros,
            new_cap_euros=Decimal("1.00"),
            reason="   ",
            adjusted_by=manager,
        )
