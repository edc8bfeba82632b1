"""export-events: the case system's history as a pseudonymous event directory (events/schema.py).

One history is built through the real actions (casework and services) plus referral events, then
exported; each test reads one part of the mapping, the pseudonymisation, the directory, the audit
row or the command's refusals."""

from __future__ import annotations

import datetime as dt
import io
import json
import stat
from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest
from django.core.management import CommandError, call_command

from kuntakokeilu.audit.models import AuditEntry
from kuntakokeilu.casework import actions
from kuntakokeilu.casework.export import (
    DOMAIN_KINDS,
    KEY_FILE,
    REFERRAL_KINDS,
    ExportError,
    Period,
    Pseudonyms,
    export_events,
)
from kuntakokeilu.clients.models import ReferralEvent, ReferralRun
from kuntakokeilu.events import schema
from kuntakokeilu.quotas.models import Quota
from kuntakokeilu.services import actions as services
from tests.casework import factories

D = dt.date
KEY = "a-test-key-that-is-long-enough-0123456789abcdef"
OTHER_KEY = "another-test-key-quite-as-long-as-the-first-one-xyz"
UNTIL = D(2023, 6, 30)


@pytest.fixture(autouse=True)
def key(settings):
    settings.PSEUDONYM_KEY = KEY


def run(on: dt.date, n: int) -> ReferralRun:
    return ReferralRun.objects.create(on=on, extract_sha256=f"{n:064d}", extract_name=f"{n}.csv")


def referral(client, kind: str, on: dt.date, n: int, **areas) -> None:
    ReferralEvent.objects.create(client=client, run=run(on, n), kind=kind, on=on, **areas)


def quota(area, service: str) -> None:
    Quota.objects.create(
        area=area,
        service=service,
        period_start=D(2022, 1, 1),
        period_end=D(2022, 12, 31),
        cap_euros=Decimal("100000.00"),
    )


@pytest.fixture
def history(helsinki, espoo, worker, manager):
    """Aino (Helsinki): registered and referred 3.5.2022, interviews, an assessment, a plan and
    its revision, a start-up grant, coaching cancelled half way, career guidance cancelled before
    it started, two binding job offers reported to the TE office, two other reports, a status
    change and a case-worker assignment. Bertta (Espoo) went back to the TE office, Cecilia's
    customership ended."""
    aino = factories.with_referral_event(
        factories.referred_client(helsinki, born=D(1990, 6, 15), immigrant=True, language="ru")
    )
    by = worker
    factories.with_initial_interview(aino, D(2022, 5, 9), by)
    actions.record_interview(
        aino, date=D(2022, 5, 20), kind="supplementary_discussion", channel="phone", by=by
    )
    actions.record_interview(aino, date=D(2022, 5, 25), kind="other", channel="phone", by=by)
    actions.assess_service_needs(
        aino,
        date=D(2022, 5, 9),
        needs=actions.ServiceNeeds(segment="competence_development", work_ability=7),
        by=by,
    )
    plan = factories.with_plan(aino, by, made_on=D(2022, 5, 9))
    actions.update_plan(
        plan,
        made_on=D(2022, 6, 1),
        changes="More applications",
        job_search_obligation=None,
        tasks=[],
        by=by,
    )
    quota(helsinki, "start_up_grant")
    quota(helsinki, "training")
    decisions = {
        "grant": services.decide_service(
            aino,
            actor=by,
            kind="start_up_grant",
            decided_on=D(2022, 6, 1),
            starts_on=D(2022, 7, 1),
            ends_on=D(2022, 12, 31),
        ),
        "coaching": services.decide_service(
            aino,
            actor=by,
            kind="coaching",
            decided_on=D(2022, 6, 1),
            starts_on=D(2022, 6, 6),
            ends_on=D(2022, 8, 5),
            cost_eur=Decimal("800.00"),
        ),
        "guidance": services.decide_service(
            aino,
            actor=by,
            kind="career_guidance",
            decided_on=D(2022, 6, 1),
            starts_on=D(2022, 6, 15),
            ends_on=D(2022, 7, 14),
        ),
    }
    services.cancel_decision(decisions["coaching"], actor=by, on=D(2022, 7, 1), reason="Moved")
    services.cancel_decision(decisions["guidance"], actor=by, on=D(2022, 6, 10), reason="Ill")
    offers = []
    for outcome, answered in (("refused", D(2022, 12, 5)), ("no_answer", D(2022, 12, 9))):
        offer = services.make_job_offer(
            aino,
            actor=by,
            vacancy_title="Varastotyöntekijä",
            employer="Varasto Oy",
            offered_on=D(2022, 12, 1),
            answer_by=D(2022, 12, 8),
        )
        offer = services.answer_job_offer(offer, actor=by, outcome=outcome, answered_on=answered)
        services.report_job_offer(offer, actor=by, on=D(2022, 12, 12))
        offers.append(offer)
    for cause in ("missed_interview", "other"):
        report = services.make_te_report(
            aino, actor=by, cause=cause, event="Did not come", facts="No reason.", on=D(2023, 1, 9)
        )
    services.change_report_status(report, actor=None, status="received", on=D(2023, 1, 10))
    actions.assign_case_worker(aino, worker, by=manager)

    bertta = factories.referred_client(
        espoo, registered_on=D(2021, 2, 1), referred_on=D(2021, 3, 1), last_name="Rajala",
        first_names="Bertta", status="in_training", with_state=False,
    )  # fmt: skip
    referral(bertta, "newly_referred", D(2021, 3, 1), 1, to_area="espoo")
    referral(bertta, "returns_to_te_office", D(2021, 9, 1), 2, from_area="espoo")
    cecilia = factories.referred_client(
        helsinki, registered_on=D(2021, 3, 1), last_name="Ulkola", first_names="Cecilia",
        with_state=False,
    )  # fmt: skip
    referral(cecilia, "newly_referred", D(2021, 3, 1), 3, to_area="helsinki")
    referral(cecilia, "customership_ends", D(2021, 10, 4), 4, from_area="helsinki")
    return {
        "aino": aino,
        "bertta": bertta,
        "cecilia": cecilia,
        "decisions": decisions,
        "offers": offers,
        "plan": plan,
    }


def export(tmp_path: Path, name="events", first=None, last=UNTIL, **options):
    return export_events(tmp_path / name, period=Period(first, last), **options)


def events_of(directory: Path) -> pl.DataFrame:
    return schema.scan(directory).collect()


def client_key(person_id: str, key: str = KEY) -> int:
    (value,) = Pseudonyms(key.encode()).of("person", [person_id])
    return value


def item_key(namespace: str, pk: int) -> int:
    (value,) = Pseudonyms(KEY.encode()).of(namespace, [str(pk)])
    return value


def rows(frame: pl.DataFrame, person, kind: str) -> list[dict]:
    mine = frame.filter(
        (pl.col("client_key") == client_key(person.person_id)) & (pl.col("kind") == kind)
    )
    return mine.sort("on", "subtype", nulls_last=True).to_dicts()


def picked(row: dict, *names: str) -> tuple:
    return tuple(row[n] for n in names)


@pytest.fixture
def exported(history, tmp_path):
    result = export(tmp_path)
    return history, result, events_of(result.directory)


# -- the mapping, kind by kind --------------------------------------------------------------------


def test_a_client_row_becomes_registered_with_state_age_immigrant_language_and_target_group(
    exported,
):
    history, _, frame = exported
    (row,) = rows(frame, history["aino"], "registered")
    assert picked(row, "on", "subtype", "age_years", "immigrant", "language", "target_group") == (
        D(2022, 5, 3),
        "unemployed",
        31,  # born 15.6.1990: not yet 32 on 3.5.2022
        True,
        "ru",
        True,
    )
    # registered before the referral of the same day: the TE office was responsible then
    assert picked(row, "organisation", "area", "municipality") == ("te_office", None, "091")


def test_registered_state_follows_the_register_status(exported):
    history, _, frame = exported
    (row,) = rows(frame, history["bertta"], "registered")
    assert row["subtype"] == "in_service"  # in_training: labour market training is a service


def test_referral_events_become_referred_returned_and_deregistered(exported):
    history, _, frame = exported
    (referred,) = rows(frame, history["bertta"], "referred")
    (returned,) = rows(frame, history["bertta"], "returned_to_te_office")
    (ended,) = rows(frame, history["cecilia"], "deregistered")
    assert picked(referred, "on", "area", "organisation") == (
        D(2021, 3, 1),
        "espoo",
        "municipality",
    )
    assert picked(returned, "on", "area", "organisation") == (D(2021, 9, 1), None, "te_office")
    assert picked(ended, "on", "subtype", "area") == (D(2021, 10, 4), "unknown", "helsinki")


def test_interviews_keep_their_kind_and_the_day_the_rules_had_them_due(exported):
    history, _, frame = exported
    held = [
        picked(r, "on", "subtype", "due_on") for r in rows(frame, history["aino"], "interview_held")
    ]
    assert held == [
        (D(2022, 5, 9), "initial_interview", D(2022, 5, 10)),  # 5 working days from 3.5.2022
        (D(2022, 5, 20), "supplementary_discussion", D(2022, 5, 23)),  # 14 days from 9.5.
        (D(2022, 5, 25), "other", None),  # not scheduled by the rules
    ]


def test_a_service_needs_assessment_gives_its_segment_and_the_work_ability_score(exported):
    history, _, frame = exported
    (needs,) = rows(frame, history["aino"], "service_needs_assessed")
    (ability,) = rows(frame, history["aino"], "work_ability_assessed")
    assert picked(needs, "subtype", "score") == ("competence_development", 7)
    assert picked(ability, "on", "score", "subtype") == (D(2022, 5, 9), 7, None)


def test_a_plan_and_its_revision_are_plan_made_events_of_the_same_item(exported):
    history, _, frame = exported
    made = rows(frame, history["aino"], "plan_made")
    assert [picked(r, "on", "subtype") for r in made] == [
        (D(2022, 5, 9), "employment"),
        (D(2022, 6, 1), "employment"),
    ]
    assert {r["item_key"] for r in made} == {item_key("plan", history["plan"].pk)}


def test_a_decision_starts_on_its_first_day_with_its_amount_and_ends_on_its_last(exported):
    history, _, frame = exported
    grant = item_key("service_decision", history["decisions"]["grant"].pk)
    started = [r for r in rows(frame, history["aino"], "service_started") if r["item_key"] == grant]
    ended = [r for r in rows(frame, history["aino"], "service_ended") if r["item_key"] == grant]
    assert [picked(r, "on", "subtype", "amount_eur") for r in started] == [
        (D(2022, 7, 1), "start_up_grant", float(history["decisions"]["grant"].total_eur))
    ]
    assert [picked(r, "on", "subtype") for r in ended] == [(D(2022, 12, 31), "start_up_grant")]


def test_a_decision_cancelled_half_way_ends_on_the_day_it_was_cancelled_without_an_amount(
    exported,
):
    history, _, frame = exported
    coaching = item_key("service_decision", history["decisions"]["coaching"].pk)
    started = [
        r for r in rows(frame, history["aino"], "service_started") if r["item_key"] == coaching
    ]
    ended = [r for r in rows(frame, history["aino"], "service_ended") if r["item_key"] == coaching]
    assert [picked(r, "on", "amount_eur") for r in started] == [(D(2022, 6, 6), None)]
    assert [r["on"] for r in ended] == [D(2022, 7, 1)]


def test_a_decision_cancelled_before_it_started_is_left_out_and_counted(exported):
    history, result, frame = exported
    guidance = item_key("service_decision", history["decisions"]["guidance"].pk)
    assert frame.filter(pl.col("item_key") == guidance).is_empty()
    assert result.left_out["service_decided (cancelled before it started)"] == 1


def test_job_offers_are_made_and_answered_with_their_outcome(exported):
    history, _, frame = exported
    made = rows(frame, history["aino"], "job_offer_made")
    answered = rows(frame, history["aino"], "job_offer_answered")
    keys = [item_key("job_offer", offer.pk) for offer in history["offers"]]
    assert sorted(r["item_key"] for r in made) == sorted(keys)
    assert [picked(r, "on", "subtype") for r in answered] == [
        (D(2022, 12, 5), "refused"),
        (D(2022, 12, 9), "no_answer"),
    ]


def test_reports_to_the_te_office_carry_their_cause_in_the_schemas_words(exported):
    history, result, frame = exported
    causes = [r["subtype"] for r in rows(frame, history["aino"], "te_report_made")]
    assert causes == ["job_offer_refused", "job_offer_unanswered", "interview_missed"]
    assert result.left_out["te_report_made (no subtype the schema knows)"] == 1  # cause other


def test_kinds_with_no_meaning_in_the_schema_are_left_out_and_counted(exported):
    _, result, frame = exported
    assert result.left_out["client_assigned"] == 1
    assert result.left_out["te_report_status_changed"] == 1
    assert not frame.filter(pl.col("kind").is_in(["client_assigned", "plan_updated"])).height
    manifest = schema.read_manifest(result.directory)
    assert manifest["left_out"]["client_assigned"] == 1


def test_case_events_are_where_the_area_was_responsible(exported):
    history, _, frame = exported
    (row,) = rows(frame, history["aino"], "service_needs_assessed")
    assert picked(row, "municipality", "area", "organisation") == (
        "091",
        "helsinki",
        "municipality",
    )


# -- the directory ----------------------------------------------------------------------------


def test_the_directory_follows_the_schema_one_file_a_month(exported):
    _, result, frame = exported
    assert schema.problems(frame) == []
    names = sorted(p.name for p in result.directory.glob(schema.FILE_PATTERN))
    months = frame.get_column("on").dt.strftime("%Y-%m").unique().sort().to_list()
    assert names == [f"events-{m}.parquet" for m in months]
    for path in result.directory.glob(schema.FILE_PATTERN):
        month = pl.read_parquet(path).get_column("on").dt.strftime("%Y-%m").unique().to_list()
        assert [f"events-{m}.parquet" for m in month] == [path.name]


def test_the_manifest_says_who_wrote_what_for_which_period(exported):
    _, result, frame = exported
    manifest = schema.read_manifest(result.directory)
    assert manifest["written_by"] == "export-events"
    assert manifest["schema_version"] == schema.SCHEMA_VERSION
    assert (manifest["first_day"], manifest["last_day"]) == ("2021-02-01", "2023-06-30")
    assert sum(manifest["files"].values()) == frame.height == result.rows
    assert manifest["clients"] == result.clients == 3
    assert manifest["key_id"] == Pseudonyms(KEY.encode()).key_id


def test_events_outside_the_period_are_not_written_but_counted(history, tmp_path):
    result = export(tmp_path, first=D(2022, 6, 1), last=D(2022, 6, 30))
    frame = events_of(result.directory)
    assert frame.get_column("on").min() >= D(2022, 6, 1)
    assert frame.get_column("on").max() <= D(2022, 6, 30)
    assert result.outside_period > 0
    assert [p.name for p in result.directory.glob(schema.FILE_PATTERN)] == [
        "events-2022-06.parquet"
    ]


def test_reading_one_client_at_a_time_writes_the_same_events_as_one_batch(history, tmp_path):
    one = events_of(export(tmp_path, "one", batch=1).directory)
    all_at_once = events_of(export(tmp_path, "all", batch=10_000).directory)
    order = ["on", "client_key", "kind", "subtype", "item_key"]
    assert one.sort(order, nulls_last=True).equals(all_at_once.sort(order, nulls_last=True))


def test_an_export_whose_events_break_the_schema_publishes_nothing_and_is_not_audited(
    history, tmp_path, monkeypatch
):
    monkeypatch.setattr(schema, "problems", lambda frame: ["1 plan_made event(s) have no client"])
    with pytest.raises(ExportError, match="do not follow the schema"):
        export(tmp_path)
    assert list(tmp_path.iterdir()) == []
    assert not AuditEntry.objects.filter(object_kind="event_directory").exists()


def test_the_staging_directory_of_a_killed_export_is_removed_by_the_next(history, tmp_path):
    killed = tmp_path / ".events.partial-999999999"  # no such process
    (killed / "parts").mkdir(parents=True)
    (killed / "parts" / "2022-05.000000.parquet").write_bytes(b"half written")
    result = export(tmp_path)
    assert not killed.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [result.directory.name]


# -- pseudonymisation -----------------------------------------------------------------------


def test_the_same_key_gives_the_same_client_keys_in_every_export(history, tmp_path):
    first = events_of(export(tmp_path, "first").directory)
    second = events_of(export(tmp_path, "second").directory)
    assert (
        first.get_column("client_key")
        .unique()
        .sort()
        .equals(second.get_column("client_key").unique().sort())
    )
    assert client_key(history["aino"].person_id) in first.get_column("client_key").to_list()


def test_another_key_gives_other_client_and_item_keys(history, tmp_path, settings):
    first = events_of(export(tmp_path, "first").directory)
    settings.PSEUDONYM_KEY = OTHER_KEY
    other = events_of(export(tmp_path, "other").directory)
    for column in ("client_key", "item_key"):
        mine = set(first.get_column(column).drop_nulls().to_list())
        theirs = set(other.get_column(column).drop_nulls().to_list())
        assert mine
        assert theirs
        assert not mine & theirs
    assert (
        schema.read_manifest(tmp_path / "first")["key_id"]
        != schema.read_manifest(tmp_path / "other")["key_id"]
    )


def identifying(history) -> list[str]:
    people = [history[name] for name in ("aino", "bertta", "cecilia")]
    found = [p.person_id for p in people] + [p.last_name for p in people]
    return found + [p.first_names for p in people] + [KEY]


def test_no_identity_code_name_or_key_is_anywhere_in_the_files(exported):
    history, result, _ = exported
    secrets = identifying(history)
    for path in result.directory.iterdir():
        raw = path.read_bytes()
        assert not [s for s in secrets if s.encode() in raw], path.name
        if path.suffix == ".parquet":
            text = pl.read_parquet(path).select(pl.all().cast(pl.String)).write_csv()
            assert not [s for s in secrets if s in text], path.name


def test_the_leak_check_finds_an_identity_code_where_there_is_one(history, tmp_path):
    """The check above can fail: a file holding a code is caught."""
    leaky = tmp_path / "leaky.parquet"
    pl.DataFrame({"language": [history["aino"].person_id]}).write_parquet(leaky)
    text = pl.read_parquet(leaky).select(pl.all().cast(pl.String)).write_csv()
    assert history["aino"].person_id in text


def test_in_development_a_key_is_generated_once_into_the_data_directory(
    history, tmp_path, settings
):
    settings.PSEUDONYM_KEY, settings.DEBUG, settings.DATA_DIR = "", True, tmp_path / "var"
    first = events_of(export(tmp_path, "first").directory)
    key_file = tmp_path / "var" / KEY_FILE
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    second = events_of(export(tmp_path, "second").directory)
    assert first.get_column("client_key").sort().equals(second.get_column("client_key").sort())
    generated = key_file.read_text().strip()
    assert client_key(history["aino"].person_id, generated) in first["client_key"].to_list()


# -- the audit row ----------------------------------------------------------------------------


def test_an_export_is_one_audit_row_with_the_number_of_clients_and_no_client(exported):
    _, result, _ = exported
    (entry,) = AuditEntry.objects.filter(object_kind="event_directory")
    assert (entry.action, entry.purpose, entry.client_id) == ("export", "monitoring", None)
    assert f"{result.clients} clients" in entry.detail
    assert KEY not in entry.detail


# -- the command and its refusals -------------------------------------------------------------


def command(*args: str) -> str:
    out = io.StringIO()
    call_command("export_events", *args, stdout=out)
    return out.getvalue()


def test_the_command_writes_the_directory_and_says_what_it_left_out(history, tmp_path):
    printed = command("--out", str(tmp_path / "events"), "--to", "2023-06-30", "--by", "maija")
    assert "events of 3 clients" in printed
    assert "client_assigned: 1" in printed
    assert AuditEntry.objects.get(object_kind="event_directory").actor == "maija"
    assert json.loads((tmp_path / "events" / schema.MANIFEST).read_text())["clients"] == 3


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--from", "2022-07-01", "--to", "2022-06-30"), "--from on or before --to"),
        (("--from", "1.7.2022"), "--from '1.7.2022' is not a date"),
        (("--to", "tomorrow"), "--to 'tomorrow' is not a date"),
        (("--batch", "0"), "--batch 0"),
        (("--by", "nobody"), "--by 'nobody': no such user"),
    ],
)
def test_bad_arguments_are_refused_with_what_to_do(db, tmp_path, args, message):
    with pytest.raises(CommandError, match=message):
        command("--out", str(tmp_path / "events"), *args)
    assert not (tmp_path / "events").exists()


def test_an_existing_directory_with_files_is_never_written_over(db, tmp_path):
    (tmp_path / "events").mkdir()
    (tmp_path / "events" / "notes.txt").write_text("keep me")
    with pytest.raises(CommandError, match="is not an empty directory"):
        command("--out", str(tmp_path / "events"))
    assert (tmp_path / "events" / "notes.txt").read_text() == "keep me"


def test_with_debug_off_a_missing_key_stops_the_export_with_a_clear_message(db, tmp_path, settings):
    settings.PSEUDONYM_KEY, settings.DEBUG = "", False
    with pytest.raises(CommandError, match="KUNTAKOKEILU_PSEUDONYM_KEY is not set"):
        command("--out", str(tmp_path / "events"))
    assert not (tmp_path / "events").exists()
    assert not list(tmp_path.iterdir())


def test_a_short_key_is_refused(db, tmp_path, settings):
    settings.PSEUDONYM_KEY = "short"
    with pytest.raises(CommandError, match="too short"):
        command("--out", str(tmp_path / "events"))


def test_a_period_that_ends_before_it_starts_is_an_error_before_anything_is_read():
    with pytest.raises(ExportError):
        Period(D(2022, 2, 1), D(2022, 1, 31))


# -- the contract written for people ----------------------------------------------------------


def test_docs_events_md_describes_every_kind_and_maps_every_case_system_kind():
    text = (Path(__file__).parents[2] / "docs" / "events.md").read_text(encoding="utf-8")
    undescribed = [k for k in schema.KINDS if f"**`{k}`**" not in text]
    mapping = text[text.index("### The mapping") :]
    unmapped = [
        k
        for k in (*DOMAIN_KINDS, *REFERRAL_KINDS, "client_assigned", "te_report_status_changed")
        if f"`{k}`" not in mapping
    ]
    assert undescribed == []
    assert unmapped == []
