"""The OpenAPI schema describes every endpoint: what each takes and what each answers."""

from __future__ import annotations

import re

import pytest
from django.urls import URLResolver, get_resolver

from tests.api.endpoints import OPERATIONS, READS, WRITES


@pytest.fixture
def schema(as_user, worker):
    response = as_user(worker).get("/api/schema/?format=json")
    assert response.status_code == 200
    return response.json()


def operations(schema) -> set[tuple[str, str]]:
    return {
        (method.upper(), path)
        for path, item in schema["paths"].items()
        for method in item
        if method in ("get", "post", "put", "patch", "delete")
    }


def api_routes() -> set[str]:
    """The API's URL patterns (the schema and its Swagger page left out), as schema paths."""
    (api,) = [r for r in get_resolver().url_patterns if getattr(r, "namespace", "") == "api"]
    routes = set()
    for pattern in api.url_patterns:
        assert not isinstance(pattern, URLResolver)
        if pattern.name in ("schema", "docs"):
            continue
        route = str(pattern.pattern).lstrip("^").rstrip("$")
        route = re.sub(r"<int:(\w+)>", r"{\1}", route)
        route = re.sub(r"\(\?P<pk>[^)]*\)", "{id}", route)
        routes.add("/api/" + route)
    return routes


def test_the_schema_lists_every_operation_and_nothing_else(schema):
    assert operations(schema) == OPERATIONS


def test_every_url_pattern_of_the_api_is_in_the_schema(schema):
    assert api_routes() == {path for _, path in OPERATIONS}
    assert api_routes() == set(schema["paths"])


def body_schema(content: dict) -> dict:
    assert list(content) == ["application/json"]
    return content["application/json"]["schema"]


def component(schema, ref: dict) -> dict:
    return schema["components"]["schemas"][ref["$ref"].rsplit("/", 1)[-1]]


@pytest.mark.parametrize(("method", "path"), sorted(READS))
def test_every_read_describes_its_answer(schema, method, path):
    ok = schema["paths"][path]["get"]["responses"]["200"]
    answer = component(schema, body_schema(ok["content"]))
    assert answer["properties"], path
    if "{" not in path.rstrip("/").rsplit("/", 1)[-1]:  # a list: paginated
        assert {"count", "next", "previous", "results"} <= set(answer["properties"])


@pytest.mark.parametrize(("method", "path"), sorted(WRITES))
def test_every_write_describes_its_body_and_answers(schema, method, path):
    operation = schema["paths"][path]["post"]
    assert operation["requestBody"]["required"] is True
    body = component(schema, body_schema(operation["requestBody"]["content"]))
    assert body["properties"], path
    assert body["required"], path
    created = {"201", "200"} & set(operation["responses"])
    assert len(created) == 1, path
    answer = component(schema, body_schema(operation["responses"][created.pop()]["content"]))
    assert answer["properties"], path
    assert "400" in operation["responses"], path


def test_a_decision_documents_the_quota_refusal(schema):
    responses = schema["paths"]["/api/clients/{client_pk}/service-decisions/"]["post"]["responses"]
    refusal = component(schema, body_schema(responses["409"]["content"]))
    assert {"detail", "code", "remaining_euros", "remaining_places"} <= set(refusal["properties"])


def test_the_choices_are_named_enumerations(schema):
    decision = component(schema, {"$ref": "#/components/schemas/DecisionInputRequest"})[
        "properties"
    ]
    kinds = component(schema, decision["kind"])
    assert set(kinds["enum"]) == {
        "wage_subsidy",
        "start_up_grant",
        "labour_market_training",
        "coaching",
        "work_trial",
        "career_guidance",
    }
