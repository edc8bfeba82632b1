"""Wage subsidy eligibility: the kind's conditions checked against the client under the rules in
force on the decision date. The scenarios (wage_subsidy_eligibility.yaml) give one row per legal
boundary; the scalar and vectorised forms are held equal on them and on generated cases; a
decision the rules do not allow is refused at its field and nothing is saved."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest
import yaml
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from kuntakokeilu.rules.parameters import parameters
from kuntakokeilu.services import eligibility
from kuntakokeilu.services.actions import decide_service
from kuntakokeilu.services.models import ServiceDecision

from .conftest import make_client, make_quota, year
from .test_decisions import nothing_saved

D = dt.date
SCENARIOS = yaml.safe_load((Path(__file__).parent / "wage_subsidy_eligibility.yaml").read_text())
CASES = [SCENARIOS["defaults"] | case for case in SCENARIOS["scenarios"]]


def applicant(case: dict) -> eligibility.Applicant:
    return eligibility.Applicant(
        birth_date=case["born"],
        status=case["status"],
        registered_on=case["registered_on"],
        unemployed_since=case["unemployed_since"],
        work_capacity_statement=case["work_capacity_statement"],
        employer_kind=case["employer_kind"],
    )


def conditions(kind: str, on: dt.date) -> eligibility.Conditions:
    return eligibility.Conditions.of(parameters().value("wage_subsidy", on), kind, on)


def vectorised(cases: list[dict], kind: str, on: dt.date) -> list[bool]:
    frame = pl.DataFrame(
        [
            {
                "birth_date": c["born"],
                "status": c["status"],
                "registered_on": c["registered_on"],
                "unemployed_since": c["unemployed_since"],
                "work_capacity_statement": c["work_capacity_statement"],
                "employer_kind": c["employer_kind"],
            }
            for c in cases
        ],
        schema={
            "birth_date": pl.Date,
            "status": pl.String,
            "registered_on": pl.Date,
            "unemployed_since": pl.Date,
            "work_capacity_statement": pl.Boolean,
            "employer_kind": pl.String,
        },
    )
    eligible = eligibility.eligible_expr(conditions(kind, on)).alias("eligible")
    return frame.with_columns(eligible).get_column("eligible").to_list()


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_scenario(case):
    ctx = conditions(case["kind"], case["decided_on"])
    person = applicant(case)
    assert eligibility.failing(person, ctx) == case["expect"]["failing"]
    refused = eligibility.refusal(person, ctx)
    if case["expect"]["failing"]:
        assert list(refused.message_dict) == [case["expect"]["field"]]
    else:
        assert refused is None


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_the_vectorised_form_answers_each_scenario_as_the_scalar_form(case):
    assert vectorised([case], case["kind"], case["decided_on"]) == [not case["expect"]["failing"]]


days = st.dates(min_value=D(1950, 1, 1), max_value=D(2024, 12, 31))


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    people=st.lists(
        st.fixed_dictionaries(
            {
                "born": days,
                "status": st.sampled_from(["unemployed", "in_services", "subsidised_employment"]),
                "registered_on": days,
                "unemployed_since": st.none() | days,
                "work_capacity_statement": st.booleans(),
                "employer_kind": st.sampled_from(["company", "association"]),
            }
        ),
        min_size=1,
        max_size=20,
    ),
    kind_and_day=st.sampled_from(
        [
            ("long_unemployed", D(2021, 2, 28)),
            ("very_long_unemployed", D(2022, 1, 31)),
            ("association", D(2021, 3, 15)),
            ("aged_55_plus", D(2024, 2, 29)),
            ("reduced_work_capacity", D(2023, 7, 1)),
            ("standard", D(2023, 12, 31)),
        ]
    ),
)
def test_the_two_forms_agree_on_generated_clients(people, kind_and_day):
    kind, on = kind_and_day
    ctx = conditions(kind, on)
    scalar = [not eligibility.failing(applicant(p), ctx) for p in people]
    assert vectorised(people, kind, on) == scalar


def test_the_kinds_a_client_may_get_follow_the_rules_of_the_day():
    person = applicant(SCENARIOS["defaults"] | {"unemployed_since": D(2020, 3, 15)})
    value = parameters().value("wage_subsidy", D(2021, 3, 15))
    assert eligibility.eligible_kinds(person, value, D(2021, 3, 15)) == [
        "skills",
        "long_unemployed",
    ]


# -- decisions ------------------------------------------------------------------------------------


def wage_subsidy(client, actor, **overrides):
    values = {
        "kind": "wage_subsidy",
        "decided_on": D(2021, 3, 15),
        "starts_on": D(2021, 4, 1),
        "ends_on": D(2021, 9, 30),
        "organisation_name": "Oy Esimerkki Ab",
        "organisation_kind": "company",
        "subsidy_kind": "long_unemployed",
        "monthly_pay_cost": Decimal("3000"),
        **overrides,
    }
    return decide_service(client, actor=actor, **values)


@pytest.fixture
def quota(helsinki):
    for y in (2021, 2023):
        make_quota(helsinki, "wage_subsidy", period=year(y))


def test_a_decision_for_a_client_not_unemployed_long_enough_is_refused_and_nothing_saved(
    helsinki, case_worker, quota
):
    client = make_client(helsinki, unemployed_since=D(2020, 3, 16), registered_on=D(2020, 3, 16))
    with pytest.raises(ValidationError) as excinfo:
        wage_subsidy(client, case_worker)
    (message,) = excinfo.value.message_dict["subsidy_kind"]
    assert "unemployed at least 12 of the last 14 months" in message
    assert "unemployment since 16.3.2020" in message
    assert nothing_saved()


def test_a_client_unemployed_exactly_12_months_gets_the_40_percent_subsidy(
    helsinki, case_worker, quota
):
    client = make_client(helsinki, unemployed_since=D(2020, 3, 15), registered_on=D(2020, 3, 15))
    assert wage_subsidy(client, case_worker).percent == 40


def test_reduced_work_capacity_needs_the_statement_and_the_decision_keeps_it(
    helsinki, case_worker, quota
):
    client = make_client(helsinki)
    reduced = {
        "decided_on": D(2023, 7, 3),
        "starts_on": D(2023, 8, 1),
        "ends_on": D(2023, 12, 31),
        "subsidy_kind": "reduced_work_capacity",
    }
    with pytest.raises(ValidationError) as excinfo:
        wage_subsidy(client, case_worker, **reduced)
    assert list(excinfo.value.message_dict) == ["work_capacity_statement"]
    assert nothing_saved()
    decision = wage_subsidy(client, case_worker, work_capacity_statement=True, **reduced)
    assert (decision.percent, decision.work_capacity_statement) == (70, True)


def test_the_55_plus_kind_is_refused_the_day_before_the_55th_birthday(helsinki, case_worker, quota):
    client = make_client(helsinki, birth_date=D(1968, 7, 4))
    aged = {
        "decided_on": D(2023, 7, 3),
        "starts_on": D(2023, 8, 1),
        "ends_on": D(2023, 12, 31),
        "subsidy_kind": "aged_55_plus",
    }
    with pytest.raises(ValidationError) as excinfo:
        wage_subsidy(client, case_worker, **aged)
    assert "aged 55 or over" in excinfo.value.message_dict["subsidy_kind"][0]
    assert "the client is 54" in excinfo.value.message_dict["subsidy_kind"][0]
    assert nothing_saved()


def test_the_form_shows_the_refusal_at_the_kind_of_subsidy_and_saves_nothing(
    client, helsinki, case_worker, quota
):
    person = make_client(helsinki, unemployed_since=D(2021, 1, 4), registered_on=D(2021, 1, 4))
    client.force_login(case_worker)
    response = client.post(
        reverse("services:decision-new", kwargs={"client_pk": person.pk}),
        {
            "kind": "wage_subsidy",
            "decided_on": "15.3.2021",
            "starts_on": "1.4.2021",
            "ends_on": "30.9.2021",
            "organisation_name": "Oy Esimerkki Ab",
            "organisation_kind": "company",
            "subsidy_kind": "long_unemployed",
            "monthly_pay_cost": "3 000,00",
        },
    )
    assert response.status_code == 400
    assert (
        response.context["form"]
        .errors["subsidy_kind"][0]
        .startswith("This kind needs the client to have been unemployed")
    )
    assert not ServiceDecision.objects.exists()


def test_the_statement_box_is_on_the_decision_form(client, helsinki, case_worker):
    person = make_client(helsinki)
    client.force_login(case_worker)
    html = client.get(reverse("services:decision-new", kwargs={"client_pk": person.pk}))
    assert "reduced work capacity is on file" in html.content.decode()
