"""``verify-audit`` recomputes the chain and finds what was changed behind the application."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from kuntakokeilu.audit.chain import verify
from kuntakokeilu.audit.models import AuditHead

from .conftest import tamper, write_entries

pytestmark = pytest.mark.django_db


def test_an_untouched_chain_verifies_with_its_count():
    write_entries(5)
    result = verify()
    assert (result.ok, result.checked) == (True, 5)


def test_an_empty_log_verifies():
    assert verify().ok


def test_a_field_changed_in_the_database_is_found():
    entries = write_entries(5)
    tamper("UPDATE audit_auditentry SET detail = 'nothing to see' WHERE id = %s", [entries[2].pk])
    result = verify()
    assert (result.ok, result.broken_id, result.checked) == (False, entries[2].pk, 2)
    assert "changed" in result.problem


def test_a_changed_time_is_found():
    entries = write_entries(3)
    earlier = connection.ops.adapt_datetimefield_value(entries[1].at.replace(year=2020))
    tamper("UPDATE audit_auditentry SET at = %s WHERE id = %s", [earlier, entries[1].pk])
    assert verify().broken_id == entries[1].pk


def test_an_entry_rewritten_with_a_fresh_hash_breaks_the_next_link():
    entries = write_entries(3)
    tamper("UPDATE audit_auditentry SET hash = %s WHERE id = %s", ["f" * 64, entries[1].pk])
    assert verify().broken_id == entries[1].pk


def test_a_deleted_entry_in_the_middle_is_found():
    entries = write_entries(5)
    tamper("DELETE FROM audit_auditentry WHERE id = %s", [entries[2].pk])
    result = verify()
    assert (result.ok, result.broken_id) == (False, entries[3].pk)
    assert "missing" in result.problem


def test_deleted_entries_at_the_end_are_found():
    entries = write_entries(5)
    tamper("DELETE FROM audit_auditentry WHERE id >= %s", [entries[3].pk])
    result = verify()
    assert (result.ok, result.broken_id) == (False, entries[2].pk)


def test_the_first_entry_deleted_is_found():
    entries = write_entries(3)
    tamper("DELETE FROM audit_auditentry WHERE id = %s", [entries[0].pk])
    assert verify().broken_id == entries[1].pk


def test_a_lost_chain_head_is_found():
    write_entries(2)
    AuditHead.objects.all().delete()
    assert "head" in verify().problem


def test_the_command_reports_ok_and_the_count():
    write_entries(3)
    out = io.StringIO()
    call_command("verify_audit", stdout=out)
    assert "audit chain OK: 3 entries verified" in out.getvalue()


def test_the_command_fails_naming_the_first_broken_entry():
    entries = write_entries(3)
    tamper("UPDATE audit_auditentry SET actor = 'x' WHERE id = %s", [entries[1].pk])
    with pytest.raises(CommandError, match=f"BROKEN at entry {entries[1].pk}"):
        call_command("verify_audit", stdout=io.StringIO())
