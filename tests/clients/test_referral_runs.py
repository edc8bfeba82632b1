"""Referral runs against the case database: the sequence of extracts, reruns, interruptions,
TE-office exceptions, notices, and bulk writes."""

import datetime as dt

import pytest
from django.core.management import call_command

from kuntakokeilu.clients import referral
from kuntakokeilu.clients.models import Client, ReferralEvent, ReferralRun, TeOfficeException
from kuntakokeilu.clients.notices import write_run_notices
from kuntakokeilu.clients.referral import run_referral
from tests.referral.sequence import (
    CODES,
    EXPECTED_MONTH_TWO,
    FIRST_WAVE,
    MONTH_LATER,
    MONTH_ONE,
    MONTH_TWO,
    RETURN_REASONS,
    write_extract,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def areas(db):
    call_command("load_reference", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture
def language_exception(areas):
    return TeOfficeException.objects.create(
        person_id=CODES["kept_by_te_office"],
        kind=TeOfficeException.Kind.LANGUAGE_RIGHTS,
        reason="Swedish service not available in the area's unit",
        valid_from=dt.date(2021, 2, 1),
        recorded_by="te-officer",
    )


@pytest.fixture
def extracts(tmp_path):
    return (
        write_extract(MONTH_ONE, tmp_path / "month1.csv"),
        write_extract(MONTH_TWO, tmp_path / "month2.csv"),
    )


def area_of(name: str) -> str | None:
    client = Client.objects.filter(person_id=CODES[name]).select_related("area").first()
    return client.area.area_id if client and client.area else None


def snapshot() -> tuple[set, set]:
    """The case database's referral state, without surrogate keys."""
    clients = set(
        Client.objects.values_list(
            "person_id",
            "area__area_id",
            "status",
            "referred_on",
            "reasons",
            "left_on",
            "left_reason",
        )
    )
    events = set(
        ReferralEvent.objects.values_list(
            "client__person_id", "run__on", "kind", "on", "from_area", "to_area", "reasons"
        )
    )
    return clients, events


def test_the_sequence_leaves_every_person_where_the_rules_say(extracts, language_exception):
    run_referral(extracts[0], FIRST_WAVE)
    run_referral(extracts[1], MONTH_LATER)
    for name, (_transition, area) in EXPECTED_MONTH_TWO.items():
        assert area_of(name) == area, name


def test_people_who_leave_keep_their_history_with_the_day_and_the_reason(
    extracts, language_exception
):
    run_referral(extracts[0], FIRST_WAVE)
    run_referral(extracts[1], MONTH_LATER)
    for name, reason in RETURN_REASONS.items():
        client = Client.objects.get(person_id=CODES[name])
        assert (client.left_on, client.left_reason) == (MONTH_LATER, reason), name
    kinds = list(
        ReferralEvent.objects.filter(client__person_id=CODES["moves_espoo_to_vantaa"])
        .order_by("on")
        .values_list("kind", "from_area", "to_area")
    )
    assert kinds == [("newly_referred", "", "espoo"), ("moves_area", "espoo", "vantaa-kerava")]


def test_the_run_summary_counts_each_transition(extracts, language_exception):
    run_referral(extracts[0], FIRST_WAVE)
    result = run_referral(extracts[1], MONTH_LATER)
    expected = {}
    for transition, _area in EXPECTED_MONTH_TWO.values():
        expected[transition] = expected.get(transition, 0) + 1
    assert {k: v for k, v in result.transitions.items() if v} == expected
    assert ReferralRun.objects.get(on=MONTH_LATER).summary["transitions"] == result.transitions


def test_rerunning_a_finished_extract_changes_nothing(extracts, language_exception):
    run_referral(extracts[0], FIRST_WAVE)
    run_referral(extracts[1], MONTH_LATER)
    before = snapshot()
    again = run_referral(extracts[1], MONTH_LATER)
    assert snapshot() == before
    assert ReferralRun.objects.count() == 2
    assert again.transitions["newly_referred"] == 1  # the run's own events, reported again


def test_an_interrupted_run_resumed_ends_in_the_same_state_as_an_uninterrupted_one(
    extracts, language_exception, monkeypatch
):
    run_referral(extracts[0], FIRST_WAVE)
    run_referral(extracts[1], MONTH_LATER)
    uninterrupted = snapshot()
    ReferralEvent.objects.all().delete()
    ReferralRun.objects.all().delete()
    Client.objects.all().delete()

    run_referral(extracts[0], FIRST_WAVE)
    applied = []

    def dies_after_two_chunks(chunk, run):
        if len(applied) == 2:
            raise KeyboardInterrupt("killed")
        applied.append(chunk.height)
        original(chunk, run)

    original = referral.apply_chunk
    monkeypatch.setattr(referral, "apply_chunk", dies_after_two_chunks)
    with pytest.raises(KeyboardInterrupt):
        run_referral(extracts[1], MONTH_LATER, chunk_size=2)
    assert not ReferralRun.objects.get(on=MONTH_LATER).finished
    monkeypatch.setattr(referral, "apply_chunk", original)

    resumed = run_referral(extracts[1], MONTH_LATER, chunk_size=2)
    assert resumed.resumed
    assert snapshot() == uninterrupted


def test_the_te_office_exception_is_honoured_by_later_runs(extracts, language_exception):
    run_referral(extracts[0], FIRST_WAVE)
    run_referral(extracts[1], MONTH_LATER)
    assert not Client.objects.filter(person_id=CODES["kept_by_te_office"]).exists()


def test_an_exception_that_has_ended_no_longer_keeps_the_person(extracts, language_exception):
    language_exception.valid_to = dt.date(2021, 3, 31)
    language_exception.save()
    run_referral(extracts[0], FIRST_WAVE)
    run_referral(extracts[1], MONTH_LATER)
    assert area_of("kept_by_te_office") == "helsinki"


def test_each_newly_referred_client_gets_a_notice_in_their_language(extracts, areas, tmp_path):
    result = run_referral(extracts[0], FIRST_WAVE)
    files = write_run_notices(result.run, tmp_path / "notices")
    assert [f.name for f in files] == [
        "notices-espoo-fi.html",
        "notices-helsinki-fi.html",
        "notices-helsinki-sv.html",
    ]
    swedish = (tmp_path / "notices" / "notices-helsinki-sv.html").read_text(encoding="utf-8")
    assert swedish.count("<section>") == 2  # leaves_the_register and kept_by_te_office speak sv
    assert "Din hemkommun Helsingfors deltar i ett kommunalt sysselsättningsförsök" in swedish
    assert "Från och med 1.3.2021" in swedish
    event = ReferralEvent.objects.get(client__person_id=CODES["leaves_the_register"])
    assert event.notice == "notices-helsinki-sv.html"


def test_clients_are_written_in_bulk_not_one_save_per_person(
    areas, tmp_path, django_assert_max_num_queries
):
    rows = [dict(MONTH_ONE[0], person_id=code) for code in many_codes(300)]
    path = write_extract(rows, tmp_path / "many.csv")
    with django_assert_max_num_queries(60):
        run_referral(path, FIRST_WAVE, chunk_size=100)
    assert Client.objects.count() == 300


def many_codes(n: int) -> list[str]:
    from kuntakokeilu.rules.identity import check_character

    codes = []
    for i in range(n):
        body = f"0105{95 + i // 800:02d}-{100 + i % 800:03d}"
        codes.append(body + check_character(body + "0"))
    return codes
