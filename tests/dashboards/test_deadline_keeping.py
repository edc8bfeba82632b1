"""Deadline keeping: the share of initial interviews held on time, by the month they were due,
computed from the case system (clients, their interviews) with the rules' deadlines."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest
from django.urls import reverse

from kuntakokeilu.dashboards.casework_figures import FACTS, area_timeliness, timeliness
from tests.casework import factories

D = dt.date
ON = D(2022, 6, 1)


def facts(*rows) -> pl.DataFrame:
    """(registered, referred, initial interview) per client."""
    return pl.DataFrame(
        [(n, *row) for n, row in enumerate(rows, start=1)], schema=FACTS, orient="row"
    )


def test_on_time_late_and_not_held_by_the_month_the_interview_was_due():
    frame = facts(
        (D(2022, 5, 3), D(2022, 5, 3), D(2022, 5, 9)),  # due 10.5. (5 working days): on time
        (D(2022, 5, 3), D(2022, 5, 3), D(2022, 5, 10)),  # on the due day: on time
        (D(2022, 5, 3), D(2022, 5, 3), D(2022, 5, 12)),  # late
        (D(2022, 5, 3), D(2022, 5, 3), None),  # not held, the deadline has passed
        (D(2022, 5, 30), D(2022, 5, 30), None),  # due 6.6., after ON: not counted yet
    )
    assert timeliness(frame, ON).rows() == [(D(2022, 5, 1), 4, 2, 1, 1, 0.5)]


def test_the_clock_starts_when_the_area_became_responsible():
    """Registered in January, referred on 1.3.2022: 14 calendar days (the regime until
    1.5.2022) from the referral, so an interview on 10.3. is on time."""
    frame = facts((D(2022, 1, 3), D(2022, 3, 1), D(2022, 3, 10)))
    assert timeliness(frame, ON).rows() == [(D(2022, 3, 1), 1, 1, 0, 0, 1.0)]


def test_a_deadline_not_yet_passed_counts_once_the_interview_is_held():
    frame = facts((D(2022, 5, 30), D(2022, 5, 30), D(2022, 5, 31)))
    assert timeliness(frame, ON).rows() == [(D(2022, 6, 1), 1, 1, 0, 0, 1.0)]


@pytest.mark.django_db
def test_the_area_counts_its_own_clients_interviews(reference):
    worker = factories.case_worker("helsinki", name="keeping-worker")
    helsinki, espoo = factories.area("helsinki"), factories.area("espoo")
    on_time = factories.referred_client(helsinki, registered_on=D(2022, 5, 3))
    factories.with_initial_interview(on_time, D(2022, 5, 6), worker)
    factories.referred_client(helsinki, registered_on=D(2022, 5, 3))  # never met
    factories.referred_client(espoo, registered_on=D(2022, 5, 3))  # another area's
    assert area_timeliness(helsinki, ON).rows() == [(D(2022, 5, 1), 2, 1, 0, 1, 0.5)]


@pytest.mark.django_db
def test_the_page_suppresses_a_month_of_a_few_interviews(client, people):
    helsinki = factories.area("helsinki")
    for _ in range(3):
        factories.referred_client(helsinki, registered_on=D(2022, 5, 3))
    client.force_login(people["manager"])
    html = client.get(reverse("dashboards:area", args=["helsinki"])).content.decode()
    section = html.split('id="deadlines"')[1].split("</section>")[0]
    assert "5/2022" in section
    assert section.count('class="suppressed"') == 5
