"""The data-protection officer finds a client by identity code: every search is audited with its
purpose, the log never holds the full code, an invalid code is a field error, and everyone but the
data-protection officer and administrators gets 404."""

import logging

import pytest
from django.urls import reverse

from kuntakokeilu.audit.models import AuditEntry

from .conftest import IDENTITY_CODE

pytestmark = pytest.mark.django_db

URL = reverse("audit:client-search")
MASKED = "131052-****"


def searched(client, user, code: str, purpose: str = "supervision"):
    if user is not None:
        client.force_login(user)
    return client.post(URL, {"identity_code": code, "purpose": purpose})


def searches() -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action="search"))


def every_logged_text() -> str:
    return " ".join(
        f"{e.object_id} {e.detail} {e.object_kind} {e.request_id}" for e in AuditEntry.objects.all()
    )


def test_the_dpo_finds_a_client_by_identity_code_and_gets_the_links_to_the_audit_pages(
    client, dpo, person
):
    response = searched(client, dpo, IDENTITY_CODE)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Aino Esimerkki" in html
    assert reverse("audit:client-log", args=[person.pk]) in html
    assert reverse("audit:client-purposes", args=[person.pk]) in html


def test_a_search_writes_one_audit_row_with_its_purpose_and_only_the_date_part_of_the_code(
    client, dpo, person
):
    searched(client, dpo, IDENTITY_CODE, purpose="data_subject_request")
    (entry,) = searches()
    assert (entry.actor, entry.purpose, entry.object_kind) == (
        "tietosuoja",
        "data_subject_request",
        "client",
    )
    assert (entry.client_id, entry.object_id) == (person.pk, str(person.pk))
    assert entry.detail == f"identity code {MASKED}: found"
    assert IDENTITY_CODE not in every_logged_text()


def test_a_code_with_spaces_or_lower_case_is_found_as_the_code(client, dpo, person):
    response = searched(client, dpo, " 131052-308t ")
    assert "Aino Esimerkki" in response.content.decode()


def test_a_search_that_finds_nobody_is_audited_too_and_says_so(client, dpo, person):
    response = searched(client, dpo, "010594Y9032")  # valid, not a client
    assert "No client has this identity code." in response.content.decode()
    assert "Aino Esimerkki" not in response.content.decode()
    (entry,) = searches()
    assert (entry.client_id, entry.detail) == (None, "identity code 010594Y****: not found")


def test_the_full_code_is_in_no_server_log_line_either(client, dpo, person, caplog):
    with caplog.at_level(logging.DEBUG):
        searched(client, dpo, IDENTITY_CODE)
        searched(client, dpo, "131052-308X")  # a refused one: logged as a bad request
    assert caplog.records  # the request log did write something
    assert IDENTITY_CODE not in caplog.text
    assert "131052-308X" not in caplog.text


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("131052308T", "Give the identity code as 11 characters"),
        ("311352-308T", "does not carry a real birth date"),
        ("131052-001T", "is not in use"),
        ("131052-308X", "The check character does not match"),
        ("", "This field is required."),
    ],
)
def test_an_invalid_code_is_a_field_error_and_nothing_is_searched(
    client, dpo, person, code, message
):
    response = searched(client, dpo, code)
    assert response.status_code == 400
    (error,) = response.context["form"].errors["identity_code"]
    assert message in error
    assert "308T" not in error
    assert not searches()


def test_a_purpose_other_than_the_dpos_is_refused(client, dpo, person):
    response = searched(client, dpo, IDENTITY_CODE, purpose="case_work")
    assert response.status_code == 400
    assert "purpose" in response.context["form"].errors
    assert not searches()


def test_the_search_page_shows_the_form(client, dpo):
    client.force_login(dpo)
    html = client.get(URL).content.decode()
    assert 'name="identity_code"' in html
    assert 'method="post"' in html


def test_an_administrator_may_search_too(client, administrator, person):
    assert searched(client, administrator, IDENTITY_CODE).status_code == 200


@pytest.mark.parametrize("persona", ["case_worker", "analyst"])
def test_other_roles_get_404_and_their_attempt_is_logged_without_the_code(
    client, request, person, persona
):
    response = searched(client, request.getfixturevalue(persona), IDENTITY_CODE)
    assert response.status_code == 404
    assert not searches()
    (entry,) = AuditEntry.objects.filter(action="denied")
    assert (entry.object_kind, entry.success, entry.client_id) == ("client_search", False, None)
    assert IDENTITY_CODE not in every_logged_text()


def test_an_anonymous_visitor_gets_404(client, person):
    assert searched(client, None, IDENTITY_CODE).status_code == 404
    assert client.get(URL).status_code == 404


def test_the_search_speaks_finnish_to_a_finnish_reader(client, dpo, person):
    dpo.profile.language = "fi"
    dpo.profile.save()
    response = searched(client, dpo, "131052-308X")
    html = response.content.decode()
    assert "Hae asiakas henkilötunnuksella" in html
    assert "Tarkistusmerkki ei täsmää henkilötunnuksen muuhun osaan." in html
