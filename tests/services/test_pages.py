"""The services pages: 404 outside the scope, POST-only changes with CSRF, errors on the fields,
Finnish formats in, an audit row for every look at a client's data."""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client as Browser
from django.urls import reverse

from kuntakokeilu.audit.models import AuditEntry
from kuntakokeilu.services.actions import answer_job_offer, make_job_offer, make_te_report
from kuntakokeilu.services.models import JobOffer, ServiceDecision, TeReport
from kuntakokeilu.services.views import client_page_url

from .conftest import make_quota

D = dt.date

WAGE_SUBSIDY_POST = {
    "kind": "wage_subsidy",
    "decided_on": "15.3.2021",
    "starts_on": "1.4.2021",
    "ends_on": "30.9.2021",
    "organisation_name": "Oy Esimerkki Ab",
    "organisation_id": "",
    "organisation_kind": "company",
    "subsidy_kind": "long_unemployed",
    "monthly_pay_cost": "3 000,00",
    "cost_eur": "",
}


def browser(user, csrf: bool = False) -> Browser:
    session = Browser(enforce_csrf_checks=csrf, HTTP_ACCEPT_LANGUAGE="en")
    session.force_login(user)
    return session


def report_about(client) -> TeReport:
    return make_te_report(
        client,
        actor=None,
        cause="missed_interview",
        event="Did not come to the interview on 3.5.2023",
        facts="Invited by letter on 20.4.2023.",
        on=D(2023, 5, 4),
    )


def test_a_decision_posted_in_finnish_formats_is_saved_and_leads_back_to_the_client(
    client_in_helsinki, case_worker, helsinki
):
    make_quota(helsinki, "wage_subsidy")
    url = reverse("services:decision-new", kwargs={"client_pk": client_in_helsinki.pk})
    answer = browser(case_worker).post(url, WAGE_SUBSIDY_POST)
    assert answer.status_code == 302
    assert answer["Location"] == client_page_url(client_in_helsinki)
    assert ServiceDecision.objects.get().total_eur == Decimal("7200.00")


def test_a_decision_beyond_the_quota_shows_what_is_left_and_saves_nothing(
    client_in_helsinki, case_worker, helsinki
):
    make_quota(helsinki, "wage_subsidy", cap_euros="5000.00")
    url = reverse("services:decision-new", kwargs={"client_pk": client_in_helsinki.pk})
    page = browser(case_worker).post(url, WAGE_SUBSIDY_POST)
    assert page.status_code == 400
    assert "has 5\xa0000,00\xa0€ left" in page.content.decode()
    assert 'role="alert"' in page.content.decode()
    assert not ServiceDecision.objects.exists()


def test_a_municipal_employer_is_an_error_on_the_employer_field(
    client_in_helsinki, case_worker, helsinki
):
    make_quota(helsinki, "wage_subsidy")
    url = reverse("services:decision-new", kwargs={"client_pk": client_in_helsinki.pk})
    page = browser(case_worker).post(
        url, {**WAGE_SUBSIDY_POST, "organisation_kind": "municipality"}
    )
    html = page.content.decode()
    assert page.status_code == 400
    assert 'id="id_organisation_kind_error"' in html
    assert "TE office decides on wage subsidy to municipalities" in html


def test_a_case_worker_of_another_area_gets_404_for_the_clients_forms_and_reports(
    client_in_helsinki, other_case_worker
):
    report = report_about(client_in_helsinki)
    session = browser(other_case_worker)
    for url in (
        reverse("services:client", kwargs={"client_pk": client_in_helsinki.pk}),
        reverse("services:decision-new", kwargs={"client_pk": client_in_helsinki.pk}),
        reverse("services:report-new", kwargs={"client_pk": client_in_helsinki.pk}),
        reverse("services:report-detail", kwargs={"pk": report.pk}),
    ):
        assert session.get(url).status_code == 404, url
    post = session.post(
        reverse("services:decision-new", kwargs={"client_pk": client_in_helsinki.pk}),
        WAGE_SUBSIDY_POST,
    )
    assert post.status_code == 404
    assert not ServiceDecision.objects.exists()


def test_analysts_and_data_protection_officers_get_404_for_the_reports_pages(
    client_in_helsinki, analyst, data_protection_officer
):
    report = report_about(client_in_helsinki)
    for user in (analyst, data_protection_officer):
        session = browser(user)
        assert session.get(reverse("services:report-list")).status_code == 404
        detail = reverse("services:report-detail", kwargs={"pk": report.pk})
        assert session.get(detail).status_code == 404


def test_the_te_officer_lists_helsinki_reports_with_masked_identity_codes_and_it_is_logged(
    client_in_helsinki, client_in_tampere, te_officer
):
    report = report_about(client_in_helsinki)
    report_about(client_in_tampere)
    html = browser(te_officer).get(reverse("services:report-list")).content.decode()
    assert "Meikäläinen" in html
    assert "Virtanen" not in html
    assert client_in_helsinki.person_id not in html
    assert client_in_helsinki.person_id[:7] + "****" in html
    entry = AuditEntry.objects.get(action="read", object_kind="te_report")
    assert (entry.purpose, entry.client_id, entry.object_id) == (
        "te_office_statement",
        client_in_helsinki.pk,
        str(report.pk),
    )


def test_the_te_officer_gets_404_for_a_report_outside_the_ely_area(client_in_tampere, te_officer):
    report = report_about(client_in_tampere)
    url = reverse("services:report-detail", kwargs={"pk": report.pk})
    assert browser(te_officer).get(url).status_code == 404


def test_the_te_officer_updates_the_status_by_post_with_csrf(client_in_helsinki, te_officer):
    report = report_about(client_in_helsinki)
    session = browser(te_officer, csrf=True)
    detail = reverse("services:report-detail", kwargs={"pk": report.pk})
    status_url = reverse("services:report-status", kwargs={"pk": report.pk})
    page = session.get(detail)
    assert report.client.person_id not in page.content.decode()
    form = {"status": "received", "on": "5.5.2023", "note": ""}
    assert session.post(status_url, form).status_code == 403  # no CSRF token
    token = page.cookies["csrftoken"].value
    answer = session.post(status_url, {**form, "csrfmiddlewaretoken": token})
    assert answer.status_code == 302
    report.refresh_from_db()
    assert report.status == "received"


def test_a_status_cannot_be_changed_by_get_nor_by_the_case_worker(
    client_in_helsinki, case_worker, te_officer
):
    report = report_about(client_in_helsinki)
    status_url = reverse("services:report-status", kwargs={"pk": report.pk})
    assert browser(te_officer).get(status_url).status_code == 405
    form = {"status": "received", "on": "5.5.2023"}
    assert browser(case_worker).post(status_url, form).status_code == 403
    report.refresh_from_db()
    assert report.status == "sent"


def test_the_panel_closes_an_offer_past_its_deadline_and_logs_the_look(
    client_in_helsinki, case_worker
):
    offer = make_job_offer(
        client_in_helsinki,
        actor=case_worker,
        vacancy_title="Myyjä",
        employer="Kauppa Oy",
        offered_on=D(2022, 6, 1),
        answer_by=D(2022, 6, 10),
    )
    url = reverse("services:client", kwargs={"client_pk": client_in_helsinki.pk})
    html = browser(case_worker).get(url).content.decode()
    offer.refresh_from_db()
    assert offer.outcome == "no_answer"
    assert "no answer" in html
    assert AuditEntry.objects.filter(
        action="read", object_kind="client_services", client_id=client_in_helsinki.pk
    ).exists()


def test_a_refused_offer_is_reported_from_the_panel_in_one_post(client_in_helsinki, case_worker):
    offer = make_job_offer(
        client_in_helsinki,
        actor=case_worker,
        vacancy_title="Myyjä",
        employer="Kauppa Oy",
        offered_on=D(2022, 6, 1),
        answer_by=D(2022, 6, 10),
    )
    answer_job_offer(offer, actor=case_worker, outcome="refused", answered_on=D(2022, 6, 2))
    url = reverse("services:job-offer-report", kwargs={"pk": offer.pk})
    answer = browser(case_worker).post(url, {})
    assert answer.status_code == 302
    assert TeReport.objects.get().job_offer == offer


@pytest.mark.parametrize("outcome", ["applied"])
def test_reporting_an_offer_that_cannot_be_reported_shows_why(
    client_in_helsinki, case_worker, outcome
):
    offer = make_job_offer(
        client_in_helsinki,
        actor=case_worker,
        vacancy_title="Myyjä",
        employer="Kauppa Oy",
        offered_on=D(2022, 6, 1),
        answer_by=D(2022, 6, 10),
    )
    answer_job_offer(offer, actor=case_worker, outcome=outcome, answered_on=D(2022, 6, 2))
    url = reverse("services:job-offer-report", kwargs={"pk": offer.pk})
    page = browser(case_worker).post(url, {})
    assert page.status_code == 400
    assert "Only a refused or unanswered job offer" in page.content.decode()
    assert not TeReport.objects.exists()
    assert JobOffer.objects.get().outcome == "applied"


def test_the_forms_are_labelled_and_every_field_has_its_label(client_in_helsinki, case_worker):
    url = reverse("services:decision-new", kwargs={"client_pk": client_in_helsinki.pk})
    html = browser(case_worker).get(url).content.decode()
    for field in WAGE_SUBSIDY_POST:
        assert f'for="id_{field}"' in html, field
    assert 'name="csrfmiddlewaretoken"' in html


def test_an_anonymous_visitor_is_sent_to_sign_in_and_sees_nothing(client_in_helsinki):
    report = report_about(client_in_helsinki)
    for url in (
        reverse("services:report-list"),
        reverse("services:report-detail", kwargs={"pk": report.pk}),
        reverse("services:client", kwargs={"client_pk": client_in_helsinki.pk}),
    ):
        answer = Browser().get(url)
        assert answer.status_code == 302
        assert answer["Location"].startswith(reverse("accounts:login"))


def test_the_panel_speaks_finnish_with_finnish_amounts(client_in_helsinki, case_worker, helsinki):
    make_quota(helsinki, "wage_subsidy")
    browser(case_worker).post(
        reverse("services:decision-new", kwargs={"client_pk": client_in_helsinki.pk}),
        WAGE_SUBSIDY_POST,
    )
    case_worker.profile.language = "fi"
    case_worker.profile.save()
    session = Browser(HTTP_ACCEPT_LANGUAGE="fi")
    session.force_login(case_worker)
    url = reverse("services:client", kwargs={"client_pk": client_in_helsinki.pk})
    html = session.get(url).content.decode()
    assert "Palvelupäätökset" in html
    assert "7\xa0200,00\xa0€" in html
    assert "1.4.2021–30.9.2021" in html


def test_a_te_officer_sees_no_client_pages_only_reports(client_in_helsinki, te_officer):
    session = browser(te_officer)
    for name in ("services:client", "services:decision-new", "services:job-offer-new"):
        url = reverse(name, kwargs={"client_pk": client_in_helsinki.pk})
        assert session.get(url).status_code == 404, name
