"""A Helsinki case worker's day in a real browser: sign in through the login form, work from the
work list, record the initial interview, make an employment plan, grant wage subsidies until the
area's quota runs out, switch to Swedish; and a case worker of Espoo who cannot open Helsinki's
client. Locators are the accessible ones (labels, roles): a field that cannot be found by its
label is an accessibility defect of the page."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from kuntakokeilu.quotas.models import Quota
from kuntakokeilu.services.models import ServiceDecision
from tests.casework import factories

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"
CLIENT_NAME = "Virtanen, Aino Maria"


def person(make, area_id: str, name: str):
    user = make(area_id, name=name)
    user.set_password(PASSWORD)
    user.save(update_fields=["password"])
    return user


def sign_in(page: Page, server: str, username: str) -> None:
    """Through the real login form, as a person would."""
    page.goto(server + reverse("accounts:login"))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def due_section(page: Page):
    return page.get_by_role("region", name="What is due")


def fill_wage_subsidy(page: Page, monthly_pay_cost: str) -> None:
    page.get_by_label("Service").select_option(label="wage subsidy")
    page.get_by_label("Decided on").fill("15.3.2021")
    page.get_by_label("Starts on").fill("1.4.2021")
    page.get_by_label("Ends on").fill("30.9.2021")
    page.get_by_label("Employer, organiser or provider").fill("Oy Esimerkki Ab")
    page.get_by_label("Kind of employer").select_option("company")
    page.get_by_label("Kind of wage subsidy").select_option("long_unemployed")
    page.get_by_label("Employer's pay cost a month").fill(monthly_pay_cost)


@pytest.fixture
def helsinki_client(reference):
    # unemployed since 1.3.2020: a long-unemployed wage subsidy (12 of 14 months) fits on 15.3.2021
    return factories.with_overdue_interview(
        factories.area("helsinki"), unemployed_since=dt.date(2020, 3, 1)
    )


@pytest.fixture
def helsinki_worker(reference):
    return person(factories.case_worker, "helsinki", "maija")


@pytest.fixture
def wage_subsidy_quota(reference):
    """Room for two decisions of 7 200 € (40 % of 3 000 € for six months) and 600 € more."""
    return Quota.objects.create(
        area=factories.area("helsinki"),
        service="wage_subsidy",
        period_start=dt.date(2021, 1, 1),
        period_end=dt.date(2021, 12, 31),
        cap_euros=Decimal("15000.00"),
        cap_places=None,
    )


def test_a_case_worker_works_a_client_from_the_work_list_to_a_plan_and_wage_subsidies(
    live_server, new_page, helsinki_client, helsinki_worker, wage_subsidy_quota, tmp_path
):
    page = new_page()
    sign_in(page, live_server.url, "maija")

    # The login lands on the work list: the client's initial interview is overdue.
    expect(page.get_by_role("heading", level=1)).to_have_text("Work list")
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=CLIENT_NAME))
    expect(row).to_have_count(1)
    expect(row).to_contain_text(re.compile("initial interview", re.I))
    expect(row.locator("td.overdue")).to_be_visible()
    page.screenshot(path=tmp_path / "work_list.png", full_page=True)

    # Open the client from the work list.
    row.get_by_role("link", name=CLIENT_NAME).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(CLIENT_NAME)
    expect(due_section(page)).to_contain_text(re.compile("initial interview", re.I))
    page.screenshot(path=tmp_path / "client.png", full_page=True)

    # Record the initial interview: the overdue interview leaves the list, the next item comes.
    page.get_by_role("link", name="Record an interview or discussion").click()
    expect(page.get_by_label("Date")).not_to_be_empty()  # today, prefilled
    page.get_by_label("Kind of meeting").select_option(label="initial interview")
    page.get_by_label("Channel").select_option(index=0)
    page.get_by_label("Notes").fill("Met at the office; looking for warehouse work.")
    page.get_by_role("button", name="Record").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(CLIENT_NAME)
    interviews = page.get_by_role("region", name="Interviews and discussions")
    expect(interviews).to_contain_text("looking for warehouse work")
    expect(due_section(page)).not_to_contain_text(re.compile("initial interview", re.I))
    expect(due_section(page)).to_contain_text("Supplementary job-search discussion")
    page.screenshot(path=tmp_path / "client_after_interview.png", full_page=True)

    # Make an employment plan with a task.
    page.get_by_role("link", name="Make a plan").click()
    page.get_by_label("Kind of plan").select_option(label="employment plan")
    first_task = page.get_by_role("group", name="Task 1")
    first_task.get_by_label("Task").fill("Apply for three warehouse jobs")
    first_task.get_by_label("Due date").fill(dt.date.today().strftime("%-d.%-m.%Y"))
    page.get_by_role("button", name="Make the plan").click()
    plans = page.get_by_role("region", name="Plans")
    expect(plans).to_contain_text(re.compile("employment plan", re.I))
    expect(plans.get_by_role("cell", name="Apply for three warehouse jobs")).to_be_visible()

    # Wage subsidies until the quota runs out: two fit, the third is refused with what is left.
    for _ in range(2):
        page.get_by_role("link", name="New service decision").click()
        fill_wage_subsidy(page, "3000")
        page.get_by_role("button", name="Save the decision").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(CLIENT_NAME)
    assert ServiceDecision.objects.filter(client=helsinki_client).count() == 2

    page.get_by_role("link", name="New service decision").click()
    fill_wage_subsidy(page, "3000")
    before = ServiceDecision.objects.count()
    page.get_by_role("button", name="Save the decision").click()
    refusal = page.get_by_role("alert")
    expect(refusal).to_contain_text("has 600,00\xa0€ left")
    expect(refusal).to_contain_text("7\xa0200,00\xa0€ was asked for")
    page.screenshot(path=tmp_path / "decision_refused.png", full_page=True)
    assert ServiceDecision.objects.count() == before
    wage_subsidy_quota.refresh_from_db()
    assert wage_subsidy_quota.used_euros == Decimal("14400.00")

    # Switch to Swedish: the next page speaks Swedish.
    page.get_by_role("link", name="Back to the client").click()
    page.get_by_label("Language").select_option("sv")
    page.get_by_role("button", name="Change").click()
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.get_by_role("heading", name="Person- och kontaktuppgifter")).to_be_visible()
    page.get_by_role("link", name="Arbetslista").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Arbetslista")


def test_a_case_worker_of_espoo_cannot_open_a_helsinki_client(
    live_server, new_page, helsinki_client
):
    person(factories.case_worker, "espoo", "eero")
    page = new_page()
    sign_in(page, live_server.url, "eero")
    expect(page.get_by_role("link", name=CLIENT_NAME)).to_have_count(0)
    url = live_server.url + reverse("casework:client", kwargs={"pk": helsinki_client.pk})
    answer = page.goto(url)
    assert answer.status == 404
    expect(page.get_by_text("Virtanen")).to_have_count(0)
    expect(page.get_by_text(helsinki_client.person_id)).to_have_count(0)


def test_a_pay_cost_can_be_typed_the_way_its_help_text_shows(
    live_server, new_page, helsinki_client, helsinki_worker
):
    page = new_page()
    sign_in(page, live_server.url, "maija")
    page.goto(
        live_server.url + reverse("services:decision-new", kwargs={"client_pk": helsinki_client.pk})
    )
    pay_cost = page.get_by_label("Employer's pay cost a month")
    expect(pay_cost).to_have_accessible_description(re.compile("2 500,00"))
    pay_cost.fill("3 000,00", timeout=2_000)
    expect(pay_cost).to_have_value("3 000,00")
