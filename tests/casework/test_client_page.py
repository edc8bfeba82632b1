"""The client page and the action pages: scoped, audited, accessible forms, bounded queries."""

from __future__ import annotations

import sys

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kuntakokeilu.accounts.models import Profile
from kuntakokeilu.audit.models import AuditEntry
from kuntakokeilu.casework import actions
from kuntakokeilu.casework.models import DomainEvent, Interview, Plan
from tests.casework import factories
from tests.casework.factories import (
    D,
    referred_client,
    with_initial_interview,
    with_plan,
    with_referral_event,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def aino(helsinki):
    return with_referral_event(referred_client(helsinki))


def page_of(client, name="casework:client", **kwargs):
    return reverse(name, kwargs={"pk": client.pk, **kwargs})


def html(response) -> str:
    return response.content.decode()


# -- what the page shows ----------------------------------------------------------------------


def test_the_page_shows_identity_referral_and_what_is_due(signed_in, aino):
    page = signed_in.get(page_of(aino), HTTP_ACCEPT_LANGUAGE="en")
    text = html(page)
    assert page.status_code == 200
    assert "Virtanen, Aino Maria" in text
    assert aino.person_id in text
    assert "Helsinki (091)" in text
    assert "notices/helsinki_fi.html" in text
    assert "Initial interview" in text
    assert "10.5.2022" in text  # due: 5 working days after 3.5.2022


def test_the_timeline_shows_events_and_the_referral_newest_first(signed_in, aino, worker):
    with_initial_interview(aino, D(2022, 5, 6), worker)
    with_plan(aino, worker, made_on=D(2022, 5, 9))
    timeline = signed_in.get(page_of(aino), HTTP_ACCEPT_LANGUAGE="en").context["timeline"]
    assert [(e.on, e.label) for e in timeline] == [
        (D(2022, 5, 9), "plan made"),
        (D(2022, 5, 6), "interview or discussion held"),
        (D(2022, 5, 3), "referred to the area"),
    ]
    assert timeline[1].summary == "initial interview, in person"


def test_every_view_of_the_page_is_audited_as_a_read_for_case_work(signed_in, aino, worker):
    signed_in.get(page_of(aino))
    signed_in.get(page_of(aino))
    reads = AuditEntry.objects.filter(client_id=aino.pk, action="read", object_kind="client")
    assert reads.count() == 2
    assert {(e.purpose, e.object_kind, e.actor_id) for e in reads} == {
        ("case_work", "client", worker.pk)
    }


def speaks(client, language: str) -> None:
    """The signed-in user's profile language, which the pages follow."""
    user = client.session.get("_auth_user_id")
    Profile.objects.filter(user_id=user).update(language=language)


def test_the_page_reads_in_the_users_language(signed_in, aino):
    speaks(signed_in, "fi")
    assert "Alkuhaastattelu" in html(signed_in.get(page_of(aino)))
    speaks(signed_in, "sv")
    assert "Inledande intervju" in html(signed_in.get(page_of(aino)))


# -- who may see it -------------------------------------------------------------------------


def test_a_case_worker_of_another_area_gets_404_and_no_read_is_logged(client, aino, espoo):
    client.force_login(factories.case_worker("espoo"))
    assert client.get(page_of(aino)).status_code == 404
    assert not AuditEntry.objects.filter(client_id=aino.pk).exists()


@pytest.mark.parametrize("role", ["analyst", "te_officer", "dpo"])
@pytest.mark.parametrize(
    "name", ["casework:client", "casework:record-interview", "casework:make-plan"]
)
def test_roles_that_do_not_see_people_get_404_for_client_urls(client, aino, role, name):
    client.force_login(getattr(factories, role)())
    assert client.get(page_of(aino, name)).status_code == 404


def test_a_client_that_does_not_exist_is_404(signed_in, reference):
    assert signed_in.get(reverse("casework:client", kwargs={"pk": 999999})).status_code == 404


@pytest.mark.parametrize(
    "name", ["casework:client", "casework:record-interview", "casework:assign-case-worker"]
)
def test_an_anonymous_visitor_is_sent_to_log_in(client, aino, name):
    page = client.get(page_of(aino, name))
    assert page.status_code == 302
    assert page["Location"].startswith(reverse("accounts:login"))


def test_a_plan_of_another_client_is_404(signed_in, aino, helsinki, worker):
    other = referred_client(helsinki)
    plan = with_plan(other, worker)
    assert signed_in.get(page_of(aino, "casework:plan", plan_pk=plan.pk)).status_code == 404


def test_the_client_page_cannot_be_posted_to(signed_in, aino):
    assert signed_in.post(page_of(aino)).status_code == 405


# -- the action pages -------------------------------------------------------------------------


def test_recording_an_interview_through_the_page(signed_in, aino):
    form = {"date": "6.5.2022", "kind": "initial_interview", "channel": "video", "notes": "ok"}
    page = signed_in.post(page_of(aino, "casework:record-interview"), form)
    assert page.status_code == 302
    assert page["Location"] == page_of(aino)
    assert Interview.objects.get(client=aino).channel == "video"


def test_a_form_error_is_tied_to_its_field_and_nothing_is_saved(signed_in, aino):
    form = {"date": "31.2.2022", "kind": "initial_interview", "channel": "phone"}
    page = signed_in.post(page_of(aino, "casework:record-interview"), form)
    text = html(page)
    assert page.status_code == 400
    assert 'aria-invalid="true"' in text
    assert 'aria-describedby="id_date_helptext id_date_error"' in text
    assert 'id="id_date_error"' in text
    assert '<label for="id_date">' in text
    assert not Interview.objects.exists()


def test_an_actions_refusal_lands_on_the_field_it_names(signed_in, aino, worker):
    with_initial_interview(aino, D(2022, 5, 6), worker)
    form = {"date": "9.5.2022", "kind": "initial_interview", "channel": "phone"}
    page = signed_in.post(
        page_of(aino, "casework:record-interview"), form, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert page.status_code == 400
    assert "already recorded on 6.5.2022" in str(page.context["form"].errors["kind"])


def test_every_form_carries_a_csrf_token(signed_in, aino, worker):
    plan = with_plan(aino, worker)
    for name, extra in [
        ("casework:record-interview", {}),
        ("casework:assess-service-needs", {}),
        ("casework:make-plan", {}),
        ("casework:update-plan", {"plan_pk": plan.pk}),
    ]:
        assert "csrfmiddlewaretoken" in html(signed_in.get(page_of(aino, name, **extra)))


def test_a_post_without_the_csrf_token_is_refused(aino, worker):
    from django.test import Client as Browser

    browser = Browser(enforce_csrf_checks=True)
    browser.force_login(worker)
    form = {"date": "6.5.2022", "kind": "initial_interview", "channel": "phone"}
    assert browser.post(page_of(aino, "casework:record-interview"), form).status_code == 403
    assert not Interview.objects.exists()


def test_making_and_updating_a_plan_through_the_pages_keeps_both_versions(signed_in, aino):
    tasks = {"tasks-TOTAL_FORMS": "2", "tasks-INITIAL_FORMS": "0"}
    signed_in.post(
        page_of(aino, "casework:make-plan"),
        {"kind": "employment", "made_on": "6.5.2022", "job_search_obligation": "4", **tasks}
        | {"tasks-0-task": "Apply for jobs", "tasks-0-due_on": "1.6.2022"},
    )
    plan = Plan.objects.get(client=aino)
    page = signed_in.post(
        page_of(aino, "casework:update-plan", plan_pk=plan.pk),
        {"made_on": "1.6.2022", "job_search_obligation": "3", "changes": "Fewer applications"}
        | tasks
        | {"tasks-0-task": "Apply for jobs", "tasks-0-due_on": "1.6.2022", "tasks-0-done": "on"},
    )
    assert page.status_code == 302
    history = signed_in.get(page_of(aino, "casework:plan", plan_pk=plan.pk))
    assert [v.number for v in history.context["versions"]] == [2, 1]
    assert "Fewer applications" in html(history)


def test_assessing_service_needs_through_the_page(signed_in, aino):
    form = {"date": "6.5.2022", "segment": "supported_employment", "work_ability": "4"}
    assert signed_in.post(page_of(aino, "casework:assess-service-needs"), form).status_code == 302
    assert aino.service_needs_assessments.get().work_ability == 4


def test_a_case_worker_takes_an_unassigned_client_from_the_page(signed_in, aino, worker):
    signed_in.post(page_of(aino, "casework:assign-case-worker"), {"case_worker": worker.pk})
    aino.refresh_from_db()
    assert aino.case_worker == worker


def test_a_case_worker_cannot_reassign_a_colleagues_client(signed_in, aino, manager):
    colleague = factories.case_worker("helsinki", name="liisa")
    actions.assign_case_worker(aino, colleague, by=manager)
    page = signed_in.post(page_of(aino, "casework:assign-case-worker"), {"case_worker": ""})
    assert page.status_code == 403
    aino.refresh_from_db()
    assert aino.case_worker == colleague


def test_an_area_manager_reassigns_from_the_page(client, aino, manager, worker):
    client.force_login(manager)
    client.post(page_of(aino, "casework:assign-case-worker"), {"case_worker": worker.pk})
    assert DomainEvent.objects.get(client=aino, kind="client_assigned").actor == manager


# -- queries ----------------------------------------------------------------------------------


def add_history(client, by, meetings: int) -> None:
    with_initial_interview(client, D(2022, 5, 6), by)
    day = D(2022, 5, 6)
    for _ in range(meetings):
        day = D.fromordinal(day.toordinal() + 1)
        actions.record_interview(client, date=day, kind="other", channel="phone", by=by)


def test_the_client_page_takes_as_many_queries_with_60_events_as_with_3(
    signed_in, aino, worker, django_assert_max_num_queries
):
    add_history(aino, worker, 2)
    with_plan(aino, worker, tasks=[("Apply", D(2022, 6, 1)), ("Train", D(2022, 7, 1))])
    with CaptureQueriesContext(connection) as few:
        signed_in.get(page_of(aino))
    add_history(factories.referred_client(aino.area), worker, 0)
    for _ in range(57):
        actions.record_interview(aino, date=D(2022, 6, 1), kind="other", channel="phone", by=worker)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = signed_in.get(page_of(aino))
    assert len(page.context["timeline"]) >= 60


def test_the_page_works_without_the_services_panel(signed_in, aino, monkeypatch):
    monkeypatch.setitem(sys.modules, "kuntakokeilu.services.views", None)  # import fails
    page = signed_in.get(page_of(aino))
    assert page.status_code == 200
    assert page.context["services_panel"] is False


def test_an_administrator_sees_a_client_of_any_area_and_the_read_is_audited(client, aino):
    admin = factories.user("administrator")
    client.force_login(admin)
    assert client.get(page_of(aino)).status_code == 200
    assert AuditEntry.objects.filter(client_id=aino.pk, actor_id=admin.pk, action="read").exists()


def test_a_deactivated_case_worker_is_sent_to_log_in(client, aino, worker):
    client.force_login(worker)
    worker.is_active = False
    worker.save()
    page = client.get(page_of(aino))
    assert page.status_code == 302
    assert page["Location"].startswith(reverse("accounts:login"))


def test_the_date_is_offered_in_the_finnish_form(signed_in, aino, monkeypatch):
    monkeypatch.setattr("kuntakokeilu.casework.views.today", lambda: D(2022, 5, 11))
    page = signed_in.get(page_of(aino, "casework:record-interview"))
    assert 'value="11.5.2022"' in html(page)
