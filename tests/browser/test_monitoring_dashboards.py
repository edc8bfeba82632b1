"""The monitoring dashboards in a real browser: an area manager finds the area's figures from the
navigation, reads a chart by its accessible name and its table, and opens the monthly report in
Swedish; the ministry analyst approves a month with the keyboard. Locators are the accessible
ones (roles, labels, names)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from kuntakokeilu.dashboards.loading import load_results
from kuntakokeilu.dashboards.models import MonthVersion, Status
from tests.casework import factories
from tests.dashboards.monitor_output import write_output

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"


def person(user):
    user.set_password(PASSWORD)
    user.save(update_fields=["password"])
    return user


def sign_in(page: Page, server: str, username: str, then: str = "") -> None:
    page.goto(server + "/accounts/login/" + (f"?next={then}" if then else ""))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


@pytest.fixture
def figures(reference, tmp_path):
    load_results(write_output(tmp_path / "monitor"))


def test_an_area_manager_reads_the_areas_figures_and_its_report_in_swedish(
    live_server, new_page, figures, tmp_path
):
    person(factories.area_manager("helsinki", name="paivi"))
    page = new_page()
    sign_in(page, live_server.url, "paivi")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Monitoring").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Monitoring of the experiment areas")
    expect(page.get_by_role("link", name="Espoo")).to_have_count(0)
    page.get_by_role("link", name="Helsinki").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Monitoring of Helsinki")
    chart = page.get_by_role(
        "img", name="Transitions from unemployment to work or education: share moving to work"
    )
    expect(chart).to_be_visible()
    page.get_by_text("Figures of the chart: share moving to work or education").click()
    table = page.get_by_role("table", name=re.compile("share moving to work or education"))
    expect(table.get_by_role("row")).to_have_count(4)  # the heading and three months
    expect(table).to_contain_text("11,0\xa0%")
    page.screenshot(path=tmp_path / "area.png", full_page=True)

    page.get_by_label("Month", exact=True).select_option(label="5/2021")
    page.get_by_label("Language of the report").select_option(label="Svenska")
    page.get_by_role("button", name="Open the printable report").click()
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.get_by_text("Maj 2021", exact=True)).to_be_visible()
    page.screenshot(path=tmp_path / "report.png", full_page=True)


def test_the_ministry_analyst_approves_a_month_with_the_keyboard(live_server, new_page, figures):
    person(factories.user("ministry_analyst", name="anna"))
    page = new_page()
    sign_in(page, live_server.url, "anna", then="/monitoring/months/")
    button = page.get_by_role("button", name="Approve the figures of June 2021")
    button.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("June 2021 was approved.")
    expect(page.get_by_role("button", name="Approve the figures of June 2021")).to_have_count(0)
    assert MonthVersion.objects.get(month="2021-06-01").status == Status.LOCKED
