"""``simulate-casework``: a few months of case work for the demo, through the real actions."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from kuntakokeilu.audit.models import AuditEntry
from kuntakokeilu.casework.models import DomainEvent, Interview, Plan, ProcessState
from kuntakokeilu.clients.models import Client
from kuntakokeilu.services.models import JobOffer, ServiceDecision
from tests.casework import factories

D = dt.date
START, END = D(2021, 3, 1), D(2021, 6, 30)
CLIENTS = 40


def simulate(*areas, seed=1, share=1.0) -> str:
    out = io.StringIO()
    call_command(
        "simulate_casework",
        "--areas",
        *areas,
        "--from",
        START.isoformat(),
        "--to",
        END.isoformat(),
        "--seed",
        str(seed),
        "--share",
        str(share),
        stdout=out,
        stderr=io.StringIO(),
    )
    return out.getvalue()


@pytest.fixture
def workers(helsinki):
    return [factories.case_worker("helsinki"), factories.case_worker("helsinki")]


@pytest.fixture
def clients(helsinki, workers):
    registered = [D(2020, 11, 2) + dt.timedelta(days=3 * i) for i in range(CLIENTS)]
    made = [factories.referred_client(helsinki, registered_on=day) for day in registered]
    call_command("size_quotas", "--from", "2021-03-01", "--to", "2021-12-31", stdout=io.StringIO())
    return made


def history() -> dict:
    """What the simulation wrote, without the ids of the rows it made."""
    return {
        "interviews": sorted(Interview.objects.values_list("client_id", "kind", "date", "channel")),
        "plans": sorted(Plan.objects.values_list("client_id", "kind", "current_version__made_on")),
        "decisions": sorted(
            ServiceDecision.objects.values_list("client_id", "kind", "decided_on", "total_eur")
        ),
        "offers": sorted(JobOffer.objects.values_list("client_id", "offered_on", "outcome")),
        "workers": sorted(
            (c.pk, c.case_worker_id) for c in Client.objects.all() if c.case_worker_id
        ),
    }


def test_writes_the_history_through_the_actions(clients, workers):
    output = simulate("helsinki")

    interviews = Interview.objects.filter(client__in=clients)
    assert interviews.filter(kind="initial_interview").count() >= CLIENTS // 2
    assert Plan.objects.filter(client__in=clients).exists()
    assert ServiceDecision.objects.filter(client__in=clients).exists()
    # as the area's case workers, with an event and an audit row for each change
    assert set(interviews.values_list("by", flat=True)) <= {w.pk for w in workers}
    events = DomainEvent.objects.filter(client__in=clients)
    assert events.filter(kind="interview_held").count() == interviews.count()
    assert events.filter(kind="plan_made").count() == Plan.objects.count()
    assert events.filter(kind="service_decided").count() == ServiceDecision.objects.count()
    audit = AuditEntry.objects.filter(client_id__in=[c.pk for c in clients])
    assert audit.filter(object_kind="interview").count() == interviews.count()
    assert audit.filter(object_kind="plan", action="create").count() == Plan.objects.count()
    assert audit.filter(object_kind="service_decision").count() == (ServiceDecision.objects.count())
    # every interview follows the initial one, none after the last day
    for interview in interviews.exclude(kind="initial_interview"):
        first = interviews.get(client=interview.client_id, kind="initial_interview")
        assert first.date <= interview.date <= END
    assert "clients simulated" in output
    assert "helsinki" in output


def test_leaves_some_clients_overdue_on_the_last_day(clients):
    simulate("helsinki")

    states = ProcessState.objects.filter(client__in=clients)
    assert states.filter(due_on__lt=END).exists()  # overdue on the demo's "today"
    assert states.filter(due_on__gte=END).exists()  # and some up to date


def test_is_deterministic_for_a_seed(clients):
    runs = []
    for seed in (7, 7, 8):
        with transaction.atomic():
            simulate("helsinki", seed=seed, share=0.5)
            runs.append(history())
            transaction.set_rollback(True)
    assert runs[0] == runs[1]
    assert runs[0] != runs[2]
    assert len(runs[0]["workers"]) == CLIENTS // 2


def test_a_second_run_leaves_the_clients_with_case_work_alone(clients):
    simulate("helsinki", share=0.5)
    before = Interview.objects.filter(client__in=clients).count()
    touched = set(Interview.objects.values_list("client_id", flat=True))

    simulate("helsinki", share=0.5)

    assert Interview.objects.filter(client__in=touched).count() >= before
    assert Interview.objects.count() > before


def test_refuses_an_unknown_area(clients):
    with pytest.raises(CommandError, match="no such area: atlantis"):
        simulate("helsinki", "atlantis")


def test_refuses_an_area_without_case_workers(clients, espoo):
    factories.area_manager("espoo")  # not a case worker
    with pytest.raises(CommandError, match=r"no case workers in the area espoo.*create-demo-users"):
        simulate("helsinki", "espoo")
    assert not Interview.objects.exists()  # nothing was done in Helsinki either


def test_refuses_a_share_out_of_range(clients):
    with pytest.raises(CommandError, match="--share"):
        simulate("helsinki", share=1.5)
