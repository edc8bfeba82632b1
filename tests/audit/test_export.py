"""The data-subject export: the client's data, every row linked to the client (found through the
app registry), the referral history and the consultations without staff names."""

import datetime as dt
import io
import json

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.urls import reverse

from kuntakokeilu.audit.models import AuditEntry
from kuntakokeilu.audit.subject import client_links, export_client
from kuntakokeilu.casework.events import emit
from kuntakokeilu.clients.models import Client, ReferralEvent, ReferralRun, TeOfficeException

from .conftest import IDENTITY_CODE, case_work_read

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(person, case_worker):
    run = ReferralRun.objects.create(
        on=dt.date(2021, 3, 1), extract_sha256="a" * 64, extract_name="x"
    )
    ReferralEvent.objects.create(
        client=person, run=run, kind="newly_referred", on=dt.date(2021, 3, 1), to_area="helsinki"
    )
    emit(person, "interview_held", on=dt.date(2021, 3, 15), actor=case_worker, attributes={"n": 1})
    case_work_read(case_worker, person)
    return person


def export_json(client, user, pk: int) -> dict:
    client.force_login(user)
    response = client.get(reverse("audit:client-export", args=[pk]))
    assert response["Content-Disposition"] == f'attachment; filename="client-{pk}.json"'
    return json.loads(response.content)


def models_pointing_at_client() -> set[str]:
    return {
        model._meta.label
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if field.concrete and field.is_relation and field.related_model is Client
    }


def test_every_model_with_a_foreign_key_to_client_is_exported(history):
    exported = set(export_client(history)["records"])
    assert models_pointing_at_client() <= exported
    assert {"casework.DomainEvent", "clients.ReferralEvent"} <= exported


def test_rows_keyed_by_the_identity_code_are_exported(history):
    TeOfficeException.objects.create(
        person_id=IDENTITY_CODE,
        kind="safety",
        reason="r",
        valid_from=dt.date(2021, 1, 1),
        recorded_by="te",
    )
    rows = export_client(history)["records"]["clients.TeOfficeException"]
    assert [row["kind"] for row in rows] == ["safety"]


def test_the_export_holds_the_client_the_rows_the_history_and_the_consultations(
    client, dpo, history
):
    document = export_json(client, dpo, history.pk)
    assert document["client"]["person_id"] == IDENTITY_CODE
    assert document["client"]["area_name"] == history.area.name
    assert [e["kind"] for e in document["records"]["casework.DomainEvent"]] == ["interview_held"]
    assert [e["kind"] for e in document["referral_history"]] == ["newly_referred"]
    assert [(c["action"], c["purpose"]) for c in document["consultations"]] == [
        ("read", "case_work"),
        ("export", "data_subject_request"),
    ]


def test_the_consultations_name_no_staff(client, dpo, history):
    consultations = json.dumps(export_json(client, dpo, history.pk)["consultations"])
    assert "virtanen.case" not in consultations
    assert "tietosuoja" not in consultations
    assert "case_worker" not in consultations


def test_the_export_is_logged_without_the_identity_code(client, dpo, history):
    export_json(client, dpo, history.pk)
    entry = AuditEntry.objects.latest("id")
    assert (entry.action, entry.purpose, entry.client_id) == (
        "export",
        "data_subject_request",
        history.pk,
    )
    stored = " ".join(str(v) for v in AuditEntry.objects.values_list().get(pk=entry.pk))
    assert IDENTITY_CODE not in stored
    assert IDENTITY_CODE[7:] not in stored


def test_the_command_writes_the_export_and_logs_it(history, dpo, tmp_path):
    out = tmp_path / "export.json"
    call_command(
        "export_client",
        "--person",
        IDENTITY_CODE,
        "--out",
        str(out),
        "--by",
        "tietosuoja",
        stdout=io.StringIO(),
    )
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["client"]["last_name"] == "Esimerkki"
    entry = AuditEntry.objects.latest("id")
    assert (entry.action, entry.actor, entry.client_id) == ("export", "tietosuoja", history.pk)


def test_the_command_refuses_an_unknown_person_without_echoing_the_code(history, tmp_path):
    with pytest.raises(CommandError) as error:
        call_command("export_client", "--person", "010101-123N", "--out", str(tmp_path / "x.json"))
    assert "010101-****" in str(error.value)
    assert "123N" not in str(error.value)


def test_links_reach_rows_two_steps_from_the_client():
    labels = {link.label: link.lookups for link in client_links()}
    assert labels["casework.DomainEvent"] == ("client",)
