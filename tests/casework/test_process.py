"""What is due next: the cached process state, one client at a time and a whole area at once."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kuntakokeilu.audit.models import AuditEntry
from kuntakokeilu.casework import actions
from kuntakokeilu.casework.models import ProcessState
from kuntakokeilu.casework.process import refresh_due, refresh_state
from kuntakokeilu.clients.models import Client
from tests.casework.factories import D, referred_client

pytestmark = pytest.mark.django_db

FIELDS = ("registered_on", "initial_interview_on", "supplementary_done", "six_month_done")
DUE = ("due_kind", "due_on", "regime")


def meeting(client, by, on, kind):
    actions.record_interview(client, date=on, kind=kind, channel="phone", by=by)


@pytest.fixture
def area_in_every_state(helsinki, worker):
    """Clients of both regimes, waiting, interviewed, in discussions, and one from 2010."""
    waiting_old = referred_client(helsinki, registered_on=D(2022, 4, 28))
    waiting_nordic = referred_client(helsinki, registered_on=D(2022, 5, 3))
    interviewed = referred_client(helsinki, registered_on=D(2022, 5, 3))
    meeting(interviewed, worker, D(2022, 5, 6), "initial_interview")
    discussing = referred_client(helsinki, registered_on=D(2022, 1, 10))
    meeting(discussing, worker, D(2022, 1, 20), "initial_interview")
    meeting(discussing, worker, D(2022, 5, 20), "supplementary_discussion")
    meeting(discussing, worker, D(2022, 7, 1), "six_month_discussion")
    before_any_regime = referred_client(helsinki, registered_on=D(2010, 2, 1))
    return [waiting_old, waiting_nordic, interviewed, discussing, before_any_regime]


def stored(clients) -> list[tuple]:
    states = ProcessState.objects.filter(client__in=clients).order_by("client_id")
    return list(states.values_list("client_id", *FIELDS, "last_discussion_on", *DUE))


def test_the_initial_interview_is_due_by_the_regime_of_the_registration_day(helsinki):
    old = referred_client(helsinki, registered_on=D(2022, 4, 28))
    nordic = referred_client(helsinki, registered_on=D(2022, 5, 3))
    assert (old.process.due_on, old.process.regime) == (
        D(2022, 5, 12),
        "interview_every_3_months",
    )
    assert (nordic.process.due_on, nordic.process.regime) == (D(2022, 5, 10), "nordic_model")


def test_a_registration_before_any_regime_has_nothing_due_rather_than_an_error(helsinki):
    client = referred_client(helsinki, registered_on=D(2010, 2, 1))
    assert (client.process.due_kind, client.process.due_on) == ("", None)


def test_the_bulk_refresh_gives_what_the_one_client_refresh_gives(area_in_every_state):
    one_by_one = stored(area_in_every_state)
    ProcessState.objects.all().delete()
    result = refresh_due(Client.objects.in_area(area_in_every_state[0].area))
    assert (result.clients, result.created, result.updated) == (5, 5, 0)
    assert stored(area_in_every_state) == one_by_one


def test_a_second_bulk_refresh_writes_nothing_when_nothing_changed(area_in_every_state):
    clients = Client.objects.in_area(area_in_every_state[0].area)
    result = refresh_due(clients)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 5)


def test_a_new_registration_restarts_the_process_on_refresh(area_in_every_state):
    interviewed = area_in_every_state[2]
    Client.objects.filter(pk=interviewed.pk).update(registered_on=D(2023, 3, 1))
    result = refresh_due(Client.objects.in_area(interviewed.area))
    state = ProcessState.objects.get(client=interviewed)
    assert result.updated == 1
    assert (state.initial_interview_on, state.due_kind, state.due_on) == (
        None,
        "initial_interview",
        D(2023, 3, 8),
    )


def test_the_bulk_refresh_is_audited_without_a_client(area_in_every_state):
    refresh_due(Client.objects.in_area(area_in_every_state[0].area), label="helsinki")
    entry = AuditEntry.objects.filter(object_kind="process_state").get()
    assert (entry.action, entry.purpose, entry.client_id) == ("update", "administration", None)
    assert entry.detail == "refresh-due helsinki: 5 clients, 0 new, 0 changed"


def test_refresh_due_command_creates_the_missing_states_after_a_referral_load(helsinki, espoo):
    referred_client(helsinki, with_state=False)
    referred_client(espoo, with_state=False, home_municipality="049")
    out = io.StringIO()
    call_command("refresh_due", "--area", "helsinki", stdout=out)
    assert out.getvalue() == "helsinki: 1 clients, 1 new, 0 changed, 0 unchanged\n"
    call_command("refresh_due", stdout=out)
    assert "espoo: 1 clients, 1 new" in out.getvalue()
    assert ProcessState.objects.count() == 2


def test_refresh_due_command_refuses_an_unknown_area(reference):
    with pytest.raises(CommandError, match="no such area: atlantis"):
        call_command("refresh_due", "--area", "atlantis", stdout=io.StringIO())


def test_interviews_of_an_earlier_job_search_period_do_not_count(helsinki, worker):
    client = referred_client(helsinki, registered_on=D(2022, 5, 3))
    meeting(client, worker, D(2022, 5, 6), "initial_interview")
    Client.objects.filter(pk=client.pk).update(registered_on=D(2023, 1, 2))
    client.refresh_from_db()
    state = refresh_state(client)
    assert (state.initial_interview_on, state.due_kind) == (None, "initial_interview")
