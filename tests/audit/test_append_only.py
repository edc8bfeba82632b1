"""The database itself refuses to change or delete audit entries; only the purge may delete."""

import pytest
from django.contrib import admin
from django.db import IntegrityError, connection, transaction

from kuntakokeilu.audit import guard
from kuntakokeilu.audit.models import AuditEntry, AuditHead

from .conftest import write_entries

pytestmark = pytest.mark.django_db


def refused(action) -> bool:
    try:
        with transaction.atomic():
            action()
    except IntegrityError as error:
        return "append-only" in str(error)
    return False


def raw(sql: str, params=()):
    def run():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)

    return run


def test_the_database_refuses_to_update_an_entry():
    (entry,) = write_entries(1)
    assert refused(lambda: AuditEntry.objects.filter(pk=entry.pk).update(detail="changed"))
    assert refused(raw("UPDATE audit_auditentry SET success = %s WHERE id = %s", [False, entry.pk]))
    entry.refresh_from_db()
    assert entry.detail == ""


def test_saving_a_changed_entry_is_refused():
    (entry,) = write_entries(1)
    entry.actor = "someone else"
    assert refused(entry.save)


def test_the_database_refuses_to_delete_an_entry():
    (entry,) = write_entries(1)
    assert refused(entry.delete)
    assert refused(raw("DELETE FROM audit_auditentry"))
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_deletion_is_allowed_only_inside_the_purges_own_transaction():
    write_entries(2)
    with transaction.atomic(), guard.deletion_allowed(connection):
        AuditEntry.objects.filter(pk=AuditEntry.objects.first().pk).delete()
    assert AuditEntry.objects.count() == 1
    assert refused(AuditEntry.objects.all().delete)


def test_the_purge_permission_does_not_allow_updates():
    (entry,) = write_entries(1)

    def update_while_purging():
        with guard.deletion_allowed(connection):
            AuditEntry.objects.filter(pk=entry.pk).update(detail="changed")

    assert refused(update_while_purging)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_on_postgresql_the_purge_setting_ends_with_its_transaction():
    (entry,) = write_entries(1)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL kuntakokeilu.audit_purge = 'on'")
    assert refused(entry.delete)


def test_the_admin_offers_no_way_to_edit_the_log():
    assert not admin.site.is_registered(AuditEntry)
    assert not admin.site.is_registered(AuditHead)
