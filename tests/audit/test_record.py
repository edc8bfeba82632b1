"""``record`` writes one entry per call, each chained to the one before."""

import datetime as dt

import pytest
from django.test import RequestFactory

from kuntakokeilu.audit.log import CHAINED_FIELDS, GENESIS, entry_hash, record
from kuntakokeilu.audit.models import Action, AuditEntry, AuditHead, Purpose

from .conftest import case_work_read, write_entries

pytestmark = pytest.mark.django_db


def test_the_first_entry_follows_the_genesis_hash():
    (entry,) = write_entries(1)
    assert entry.previous_hash == GENESIS


def test_each_entry_carries_the_hash_of_the_entry_before_it():
    first, second, third = write_entries(3)
    assert second.previous_hash == first.hash
    assert third.previous_hash == second.hash
    assert len({first.hash, second.hash, third.hash}) == 3


def test_the_head_holds_the_last_hash_and_the_count():
    *_, last = write_entries(4)
    head = AuditHead.objects.get(pk=1)
    assert (head.last_hash, head.entries) == (last.hash, 4)


def test_an_entry_records_who_in_what_role_why_and_from_where(case_worker, person):
    request = RequestFactory().get("/clients/1/", REMOTE_ADDR="10.1.2.3")
    entry = case_work_read(case_worker, person, request=request)
    entry.refresh_from_db()
    assert (entry.actor, entry.role, entry.actor_id) == (
        "virtanen.case",
        "case_worker",
        case_worker.pk,
    )
    assert (entry.action, entry.purpose, entry.client_id) == ("read", "case_work", person.pk)
    assert entry.address == "10.1.2.3"
    assert entry.request_id == request.request_id


def test_a_stored_entry_gives_the_same_hash_when_read_back():
    request = RequestFactory().get("/", REMOTE_ADDR="2001:0DB8:0000::0001")
    record(
        actor=None,
        action=Action.DISCLOSE,
        purpose=Purpose.TE_OFFICE_STATEMENT,
        object_kind="te_report",
        object_id=42,
        client_id="7",
        request=request,
        success=1,
        detail="lausunto TE-toimistolle – ääkköset ja 日本",
    )
    stored = AuditEntry.objects.values(*CHAINED_FIELDS, "previous_hash", "hash").get()
    assert entry_hash(stored["previous_hash"], stored) == stored["hash"]


def test_a_whole_second_hashes_the_same_after_the_round_trip(clock):
    clock.set(dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC))  # no microseconds
    (entry,) = write_entries(1)
    stored = AuditEntry.objects.values(*CHAINED_FIELDS).get(pk=entry.pk)
    assert entry_hash(entry.previous_hash, stored) == entry.hash


def test_overlong_values_are_cut_to_the_column_before_hashing():
    entry = record(
        actor=None,
        action=Action.READ,
        purpose=Purpose.SEARCH,
        object_kind="search",
        detail="x" * 1000,
        object_id="y" * 100,
    )
    stored = AuditEntry.objects.values(*CHAINED_FIELDS).get(pk=entry.pk)
    assert (len(stored["detail"]), len(stored["object_id"])) == (300, 40)
    assert entry_hash(entry.previous_hash, stored) == entry.hash


def test_a_malformed_client_address_is_left_out_rather_than_failing():
    request = RequestFactory().get("/", REMOTE_ADDR="not-an-address")
    (entry,) = write_entries(1, request=request)
    assert entry.address is None


def test_an_identity_code_written_into_the_detail_is_masked():
    entry = record(
        actor=None,
        action=Action.SEARCH,
        purpose=Purpose.SEARCH,
        object_kind="client",
        object_id="131052-308T",
        detail="searched for 131052-308T and 010101A123N",
    )
    stored = AuditEntry.objects.values(*CHAINED_FIELDS).get(pk=entry.pk)
    assert stored["detail"] == "searched for 131052-**** and 010101A****"
    assert stored["object_id"] == "131052-****"
    assert entry_hash(entry.previous_hash, stored) == entry.hash
