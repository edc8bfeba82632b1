"""The data-protection view: only the data-protection officer and administrators see who
accessed a client; everyone else gets 404. Every look is logged."""

import datetime as dt

import pytest
from django.urls import reverse

from kuntakokeilu.accounts.models import Profile
from kuntakokeilu.audit.models import AuditEntry

from .conftest import case_work_read

pytestmark = pytest.mark.django_db

VIEWS = ("audit:client-log", "audit:client-purposes", "audit:client-export")


def table_rows(html: str) -> list[str]:
    body = html[html.index("<tbody>") : html.index("</tbody>")]
    return body.split("</tr>")[:-1]


def main_content(html: str) -> str:
    return html[html.index('<main id="main">') : html.index("</main>")]


def page(client, user, name: str, pk: int, language: str = "en"):
    """The page as ``user`` reads it, in ``language`` (the user's profile language)."""
    if user is not None:
        Profile.objects.filter(user=user).update(language=language)
        client.force_login(user)
    return client.get(reverse(name, args=[pk]))


@pytest.mark.parametrize("name", VIEWS)
@pytest.mark.parametrize("persona", ["dpo", "administrator"])
def test_the_dpo_and_administrators_see_a_clients_audit_pages(
    client, request, person, name, persona
):
    assert page(client, request.getfixturevalue(persona), name, person.pk).status_code == 200


@pytest.mark.parametrize("name", VIEWS)
@pytest.mark.parametrize("persona", ["case_worker", "analyst"])
def test_other_roles_get_404_even_for_their_own_areas_client(
    client, request, person, name, persona
):
    assert page(client, request.getfixturevalue(persona), name, person.pk).status_code == 404


@pytest.mark.parametrize("name", VIEWS)
def test_an_anonymous_visitor_gets_404(client, person, name):
    assert page(client, None, name, person.pk).status_code == 404


@pytest.mark.parametrize("name", VIEWS)
def test_a_client_that_does_not_exist_is_404_for_the_dpo_too(client, dpo, person, name):
    assert page(client, dpo, name, person.pk + 1000).status_code == 404


def test_a_deactivated_dpo_gets_404(client, dpo, person):
    client.force_login(dpo)
    dpo.is_active = False
    dpo.save()
    assert client.get(reverse("audit:client-log", args=[person.pk])).status_code == 404


def test_the_log_shows_when_who_in_what_role_how_why_and_whether_it_worked(
    client, clock, dpo, case_worker, person
):
    clock.set(dt.datetime(2026, 3, 5, 7, 9, tzinfo=dt.UTC))  # 9.09 in Helsinki
    case_work_read(case_worker, person)
    html = page(client, dpo, "audit:client-log", person.pk).content.decode()
    (row,) = [row for row in table_rows(html) if "<td>virtanen.case</td>" in row]
    for shown in ("5.3.2026 09:09</time>", "case worker", "read", "case work", "yes"):
        assert f"{shown}</td>" in row


def test_the_log_is_in_finnish_for_a_finnish_reader(client, dpo, case_worker, person):
    case_work_read(case_worker, person)
    html = page(client, dpo, "audit:client-log", person.pk, language="fi").content.decode()
    assert "Päivämäärä ja kellonaika" in html
    assert "<td>työntekijä</td>" in html


def test_the_log_is_an_accessible_table(client, dpo, person):
    html = page(client, dpo, "audit:client-log", person.pk).content.decode()
    assert "<caption>" in html
    assert html.count('<th scope="col">') == 6


def test_viewing_the_log_writes_a_supervision_entry(client, dpo, person):
    page(client, dpo, "audit:client-log", person.pk)
    entry = AuditEntry.objects.latest("id")
    assert (entry.actor, entry.action, entry.purpose) == ("tietosuoja", "read", "supervision")
    assert (entry.client_id, entry.role) == (person.pk, "data_protection_officer")


def test_a_refused_look_is_logged_as_refused_without_naming_the_client(client, analyst, person):
    page(client, analyst, "audit:client-log", person.pk)
    entry = AuditEntry.objects.latest("id")
    assert (entry.actor, entry.action, entry.success) == ("analyytikko", "denied", False)
    assert entry.client_id is None


def test_the_purposes_report_names_no_staff(client, dpo, case_worker, person):
    case_work_read(case_worker, person)
    html = main_content(page(client, dpo, "audit:client-purposes", person.pk).content.decode())
    assert "case work" in html
    assert "virtanen.case" not in html
    assert "tietosuoja" not in html


def test_the_purposes_report_is_logged_as_the_persons_request(client, dpo, person):
    page(client, dpo, "audit:client-purposes", person.pk)
    entry = AuditEntry.objects.latest("id")
    assert (entry.purpose, entry.client_id) == ("data_subject_request", person.pk)
