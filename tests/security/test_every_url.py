"""Every URL × every persona: the answer each one must get, and no person's data where it must not.

SECURITY.md: "Every endpoint × {own area, other area, other role, anonymous, deactivated} has an
expected answer in a test; property-based generation of cases (hypothesis) finds what hand-written
cases miss." docs/casework-design.md: outside the scope the answer is 404, never the data.

How it works
------------
* The URL patterns come from ``get_resolver()``, walked recursively (the API router and the admin
  included). ``RULES`` says, for each pattern (by URL name, or by route for an unnamed one), what
  kind of page it is, which object fills its ``pk`` and in which *scope* it shows a person. A
  pattern that no rule matches, or a keyword argument that ``FILL`` cannot fill, fails
  ``test_every_pattern_is_known``: a new URL cannot slip past untested.
* The data (built once for the module, rolled back afterwards): three clients, each with an
  interview, a plan (with its first version), a service decision, a job offer, a TE report and a
  TE-office exception, plus a quota of their area:

  =========  =========  ===================  =====================================
  key        area       home municipality    used for
  =========  =========  ===================  =====================================
  ``hel``    Helsinki   091 (ELY 01)         filling every URL in the walk
  ``esp``    Espoo      049 (ELY 01)         the neighbouring area's own client
  ``tre``    Pirkanmaa  837 (ELY 05)         a client outside ELY 01 (TE officer)
  =========  =========  ===================  =====================================

* Keyword-argument mapping (``FILL``): ``client_pk`` → the client; ``plan_pk`` → its plan; ``pk``
  → the object the rule names (``client``, ``plan``, ``decision``, ``job_offer``, ``report`` or
  ``quota``); the admin's ``object_id``/``id`` → the own-area case worker's user,
  ``content_type_id`` → the content type of ``Client`` (with ``object_id`` → the client, for
  the admin's "view on site"), ``app_label`` → ``auth``, ``url`` → a page that does not exist.
* Personas: ``own`` (case worker, Helsinki), ``neighbour`` (case worker, Espoo), ``analyst``
  (ministry analyst), ``te`` (TE officer of ELY 01), ``dpo`` (data-protection officer),
  ``anonymous``, ``deactivated`` (a Helsinki case worker whose account was made inactive after
  they signed in: their session must end at the next request).
* A persona is *entitled* to a client on a URL when the URL's scope is one the persona has and the
  client is in it (``SEES``): area roles see their area's clients; the TE officer sees reports on
  clients living in the ELY area, and the TE office's exceptions about them; the data-protection
  officer sees every client's audit log. The monitoring dashboards (scope ``figures``, filled
  with the area of ``owner``'s client) show aggregates of areas: area roles open their own area's,
  the TE officer ELY 01's areas, the analyst every area; nobody's identity may appear on them.

The rules (``expected``)
------------------------
* ``public`` pages (/, /areas/, /applications/, login, logout, language): anyone, any of
  200/302/405.
* ``page`` (HTML behind login) and ``api`` (REST) answer an entitled persona with anything but
  a server error (200, 201, 204, 302, 400, 403, 405 — an empty POST is a bad form, not a leak).
* An object page/endpoint answers a signed-in persona who is not entitled with **404** (as if it
  did not exist); a list answers them 200 (with nobody they may not see), 403 or 404.
* Anonymous and deactivated: an HTML page redirects to the login page (or answers 404); the
  API answers 401/403.
* ``admin``: nobody here is staff: a redirect to the login page (or to the admin's index, whose
  own row checks that it redirects to the login page), or 404.
* 405 is accepted from a persona only when the own-area case worker also got 405 for the same URL
  and method (the view does not take that method at all, whoever asks).
* Content: a response never contains the identity code, last name or first names of a client the
  persona is not entitled to on that URL.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import tempfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import transaction
from django.test import Client as Browser
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kuntakokeilu.areas.models import Area
from kuntakokeilu.casework import actions as casework
from kuntakokeilu.clients.models import Client, TeOfficeException
from kuntakokeilu.dashboards.loading import load_results
from kuntakokeilu.quotas.models import Quota
from kuntakokeilu.services import actions as services
from kuntakokeilu.services.models import ServiceDecision
from tests.casework import factories
from tests.dashboards.monitor_output import write_output

D = dt.date
#: The login pages: ours, and the admin's (which sends on to ours: see ``admin/login/``).
LOGIN_PAGES = ("/accounts/login/", "/admin/login/")
ADMIN = "/admin/"  # the admin's logout sends there: its index, itself behind the login

# -- the URL patterns ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Pattern:
    key: str  # the URL name with its namespace, or the route of an unnamed pattern
    route: str
    kwargs: tuple[str, ...]
    name: str | None


def walk(resolver=None, prefix: str = "", namespace: str = "", kwargs=()):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        names = (*kwargs, *entry.pattern.regex.groupindex)
        if isinstance(entry, URLResolver):
            inner = namespace + (f"{entry.namespace}:" if entry.namespace else "")
            yield from walk(entry, prefix + str(entry.pattern), inner, names)
        elif isinstance(entry, URLPattern):
            route = prefix + str(entry.pattern)
            name = f"{namespace}{entry.name}" if entry.name else None
            yield Pattern(name or route, route, tuple(names), name)


PATTERNS = list(walk())


@dataclass(frozen=True)
class Rule:
    kind: str  # public | page | api | admin
    scope: str | None = None  # area | reports | exceptions | audit: whose people, to whom
    pk: str | None = None  # the object kind that fills ``pk`` (and its client is the owner)


#: (regular expression on the pattern's key, rule): the first match wins.
RULES: list[tuple[str, Rule]] = [
    # public
    (r"home|area-list|application-assessment", Rule("public")),
    (r"set_language|accounts:(login|logout|language)", Rule("public")),
    # case work (HTML)
    (r"casework:work-list", Rule("page", "area")),
    (r"casework:plan|casework:update-plan", Rule("page", "area", "client")),
    (r"casework:.+", Rule("page", "area", "client")),
    # services (HTML)
    (r"services:(client|decision-new|job-offer-new|report-new)", Rule("page", "area", "client")),
    (r"services:decision-cancel", Rule("page", "area", "decision")),
    (r"services:job-offer-(answer|report)", Rule("page", "area", "job_offer")),
    (r"services:report-list", Rule("page", "reports")),
    (r"services:report-(detail|status)", Rule("page", "reports", "report")),
    # audit (the data-protection view)
    (r"audit:client-search", Rule("page", "audit")),
    (r"audit:client-(log|purposes|export)", Rule("page", "audit", "client")),
    # quotas: no person on them; the area manager's (none of these personas is one)
    (r"quotas:list", Rule("page", "quota")),
    (r"quotas:adjust", Rule("page", "quota", "quota")),
    # the API
    (r"api:(schema|docs)", Rule("api")),
    (r"api:client-list", Rule("api", "area")),
    (r"api:client-(detail|case-worker)", Rule("api", "area", "client")),
    (r"api:client-(referral-events|events|interviews|service-needs-assessments|plans"
     r"|service-decisions|job-offers)",
     Rule("api", "area", "client")),
    (r"api:plan-(detail|versions)", Rule("api", "area", "plan")),
    (r"api:service-decision-detail", Rule("api", "area", "decision")),
    (r"api:job-offer-(detail|answer)", Rule("api", "area", "job_offer")),
    (r"api:te-report-list", Rule("api", "reports")),
    (r"api:te-office-exception-list", Rule("api", "exceptions")),
    (r"api:te-report-(detail|change-status)", Rule("api", "reports", "report")),
    # the monitoring dashboards: figures of areas (never a person); an area's pages by area_id
    (r"dashboards:(area|report|area-csv|area-xlsx)", Rule("page", "figures", "area")),
    (r"dashboards:.+", Rule("page", "figures")),
    # the admin: the site's own pages and the two auth models registered today
    (r"admin:(index|login|logout|password_change|password_change_done|autocomplete|jsi18n)",
     Rule("admin")),
    (r"admin:(view_on_site|app_list)", Rule("admin")),
    (r"admin:auth_(user|group)_(changelist|add|history|delete|change|password_change)",
     Rule("admin")),
    (r"admin/login/|admin/auth/(group|user)/<path:object_id>/|admin/\(\?P<url>\.\*\)\$",
     Rule("admin")),
]  # fmt: skip


def rule_of(pattern: Pattern) -> Rule | None:
    for expression, rule in RULES:
        if re.fullmatch(expression, pattern.key):
            return rule
    return None


#: Literal paths for the unnamed patterns (nothing to reverse them by).
UNNAMED = {
    "admin/login/": "/admin/login/",
    "admin/auth/group/<path:object_id>/": "/admin/auth/group/{object_id}/",
    "admin/auth/user/<path:object_id>/": "/admin/auth/user/{object_id}/",
    "admin/(?P<url>.*)$": "/admin/no-such-page/",
}

#: The keyword arguments this test knows how to fill: kwarg → a function of (world, owner, rule).
FILL = {
    "client_pk": lambda w, owner, rule: w.objects[owner]["client"].pk,
    "plan_pk": lambda w, owner, rule: w.objects[owner]["plan"].pk,
    "pk": lambda w, owner, rule: w.objects[owner][rule.pk].pk,
    "object_id": lambda w, owner, rule: w.users["own"].pk,
    "id": lambda w, owner, rule: w.users["own"].pk,
    "content_type_id": lambda w, owner, rule: ContentType.objects.get_for_model(Client).pk,
    "app_label": lambda w, owner, rule: "auth",
    "url": lambda w, owner, rule: "no-such-page/",
    "area_id": lambda w, owner, rule: w.objects[owner]["client"].area.area_id,
    "table": lambda w, owner, rule: "figures",
}


def url_of(world, pattern: Pattern, owner: str = "hel", override: int | None = None) -> str:
    """The pattern filled with ``owner``'s objects (``override``: that number for every id)."""
    rule = rule_of(pattern)
    values = {}
    for kwarg in pattern.kwargs:
        if override is not None and kwarg in ("pk", "client_pk", "plan_pk"):
            values[kwarg] = override
        elif pattern.key == "admin:view_on_site" and kwarg == "object_id":
            values[kwarg] = world.objects[owner]["client"].pk
        else:
            values[kwarg] = FILL[kwarg](world, owner, rule)
    if pattern.name is None:
        return UNNAMED[pattern.route].format(**values)
    return reverse(pattern.name, kwargs=values)


# -- the people and the data ----------------------------------------------------------------------

PERSONAS = ("own", "neighbour", "analyst", "te", "dpo", "anonymous", "deactivated")
SIGNED_IN = ("own", "neighbour", "analyst", "te", "dpo")

#: Whose people each persona may see, per scope.
SEES: dict[str, dict[str, set[str]]] = {
    "own": {"area": {"hel"}, "reports": {"hel"}, "figures": {"hel"}},
    "neighbour": {"area": {"esp"}, "reports": {"esp"}, "figures": {"esp"}},
    "analyst": {"figures": {"hel", "esp", "tre"}},
    "te": {  # ELY 01, not Tampere
        "reports": {"hel", "esp"},
        "exceptions": {"hel", "esp"},
        "figures": {"hel", "esp"},
    },
    "dpo": {"audit": {"hel", "esp", "tre"}},
    "anonymous": {},
    "deactivated": {},
}

#: Names that occur nowhere in the user interface, so finding one in a page is a leak.
CLIENTS = {
    "hel": ("helsinki", "091", "Aurelia Hillevi", "Vuotoniemi"),
    "esp": ("espoo", "049", "Bertta Kaisliina", "Rajalahtinen"),
    "tre": ("pirkanmaa", "837", "Cecilia Mirjami", "Ulkopuolinen"),
}


@dataclass
class World:
    objects: dict[str, dict]
    users: dict[str, object]
    identity: dict[str, tuple[str, ...]]  # client key → strings that identify the person


def rows_for(client, by) -> dict:
    """An interview, a plan (first version), a job offer, a decision, a TE report and a TE-office
    exception."""
    casework.record_interview(
        client, date=D(2022, 5, 5), kind="initial_interview", channel="in_person", by=by
    )
    plan = factories.with_plan(client, by, tasks=[("Apply for four jobs", D(2022, 6, 1))])
    offer = services.make_job_offer(
        client,
        actor=by,
        vacancy_title="Warehouse worker",
        employer="Varasto Oy",
        offered_on=D(2022, 6, 1),
        answer_by=D(2022, 6, 8),
    )
    decision = ServiceDecision.objects.create(
        client=client,
        area=client.area,
        kind="coaching",
        decided_on=D(2022, 6, 1),
        starts_on=D(2022, 6, 6),
        ends_on=D(2022, 7, 6),
        total_eur=Decimal("1200.00"),
    )
    report = services.make_te_report(
        client,
        actor=by,
        cause="missed_interview",
        event="Did not come to the discussion on 2.6.2022",
        facts="The client did not come and gave no reason.",
        on=D(2022, 6, 3),
    )
    TeOfficeException.objects.create(
        person_id=client.person_id,
        kind="language_rights",
        reason="Served in Swedish at the TE office",
        valid_from=D(2022, 6, 1),
        recorded_by="te-officer",
    )
    quota = Quota.objects.create(
        area=client.area,
        service="wage_subsidy",
        period_start=D(2022, 1, 1),
        period_end=D(2022, 12, 31),
        cap_euros=Decimal("100000.00"),
        cap_places=10,
    )
    return {
        "client": client,
        "plan": plan,
        "job_offer": offer,
        "decision": decision,
        "report": report,
        "quota": quota,
    }


def build_world() -> World:
    if not Area.objects.filter(area_id="helsinki").exists():
        call_command("load_reference", stdout=io.StringIO())
    users = {
        "own": factories.case_worker("helsinki", name="sec-own"),
        "neighbour": factories.case_worker("espoo", name="sec-neighbour"),
        "analyst": factories.analyst(),
        "te": factories.te_officer(),
        "dpo": factories.dpo(),
        "deactivated": factories.case_worker("helsinki", name="sec-deactivated"),
    }
    workers = {"hel": users["own"], "esp": users["neighbour"]}
    workers["tre"] = factories.case_worker("pirkanmaa", name="sec-tampere")
    objects, identity = {}, {}
    for key, (area_id, municipality, first_names, last_name) in CLIENTS.items():
        client = factories.referred_client(
            factories.area(area_id),
            first_names=first_names,
            last_name=last_name,
            home_municipality=municipality,
        )
        objects[key] = rows_for(client, workers[key])
        identity[key] = (client.person_id, last_name, first_names, *first_names.split())
    load_monitoring_figures()
    return World(objects, users, identity)


def load_monitoring_figures() -> None:
    """Three months of figures of the three areas and the comparison groups, for the
    dashboards' pages to show."""
    with tempfile.TemporaryDirectory() as directory:
        load_results(write_output(Path(directory)))


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The data, built once in a transaction that is rolled back after the module (the audit
    log refuses deletes, so rolling back is the only clean way out)."""
    with django_db_blocker.unblock(), translation.override("en"):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def browsers(world, db):
    """One test browser per persona (the deactivated one signed in, then made inactive)."""
    made = {}
    for persona in PERSONAS:
        made[persona] = Browser()
        if persona in world.users:
            made[persona].force_login(world.users[persona])
    type(world.users["deactivated"]).objects.filter(pk=world.users["deactivated"].pk).update(
        is_active=False
    )
    return made


def sign_in_again(world, browsers, persona: str) -> Browser:
    """The persona's browser, signed in again (a POST to logout or language may have changed
    its session)."""
    browser = browsers[persona]
    if persona in world.users:
        browser.force_login(world.users[persona])
    return browser


# -- what each persona must get -------------------------------------------------------------------

OK_FOR_ENTITLED = {200, 201, 204, 302, 400, 403, 405, 415}


def entitled(persona: str, rule: Rule, owner: str) -> bool:
    return rule.scope is not None and owner in SEES[persona].get(rule.scope, set())


#: Scopes of pages of aggregates: a persona may be entitled to open them, yet nobody's identity
#: may appear on them.
AGGREGATES = {"figures"}


def allowed_clients(persona: str, rule: Rule) -> set[str]:
    if not rule.scope or rule.scope in AGGREGATES:
        return set()
    return SEES[persona].get(rule.scope, set())


def to_login(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(LOGIN_PAGES)


def verdict(persona: str, rule: Rule, owner: str, response, refused_for_all: bool) -> str | None:
    """None if ``response`` is an expected answer for ``persona``; else what is wrong."""
    status = response.status_code
    if status >= 500:
        return f"server error {status}"
    if status == 405 and refused_for_all:
        return None
    if rule.kind == "public":
        return None if status in (200, 302) else f"public page answered {status}"
    if rule.kind == "admin":
        if to_login(response) or status == 404 or (status == 302 and response["Location"] == ADMIN):
            return None
        return f"admin answered {status}"
    if persona in ("anonymous", "deactivated"):
        if rule.kind == "api":
            return None if status in (401, 403) else f"API answered {status}, not 401/403"
        if to_login(response) or status == 404:
            return None
        return f"answered {status}, not 404 or a redirect to login"
    if rule.pk is not None and not entitled(persona, rule, owner):
        return None if status == 404 else f"answered {status}, not 404"
    if rule.pk is None and not entitled(persona, rule, owner):
        return None if status in (200, 302, 403, 404) else f"list answered {status}"
    return None if status in OK_FOR_ENTITLED else f"entitled persona got {status}"


def text_of(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body.decode("utf-8", "replace")


def leaks(world: World, persona: str, rule: Rule, response) -> list[str]:
    """Identity strings of clients ``persona`` may not see on this URL, found in the answer."""
    text = text_of(response)
    found = []
    for key, strings in world.identity.items():
        if key in allowed_clients(persona, rule):
            continue
        found += [f"{key}:{s!r}" for s in strings if s in text]
    return found


def shows(world: World, key: str, response) -> bool:
    """Whether the answer names client ``key`` (by identity code or last name)."""
    text = text_of(response)
    return any(s in text for s in world.identity[key][:2])


#: (pattern, persona) whose answer must name the Helsinki client: proof that the leak check
#: looks at text where names really appear (HTML and JSON alike).
CANARIES = {
    ("casework:client", "own"),
    ("api:client-detail", "own"),
    ("services:report-detail", "te"),
    ("audit:client-log", "dpo"),
}


def request(browser: Browser, method: str, url: str, rule: Rule):
    """GET, or POST with an empty body: an empty form, or an empty JSON object for the API."""
    if method == "GET":
        return browser.get(url)
    if rule.kind == "api":
        return browser.post(url, data="{}", content_type="application/json")
    return browser.post(url, data={})


# -- the tests ----------------------------------------------------------------------------------


def test_every_pattern_is_known():
    """Every URL pattern has a rule, and every keyword argument it takes can be filled."""
    unknown = [p.key for p in PATTERNS if rule_of(p) is None]
    unfillable = [(p.key, k) for p in PATTERNS for k in p.kwargs if k not in FILL]
    unnamed = [p.route for p in PATTERNS if p.name is None and p.route not in UNNAMED]
    assert not unknown, f"URL patterns this test does not know: {unknown}"
    assert not unfillable, f"keyword arguments this test cannot fill: {unfillable}"
    assert not unnamed, f"unnamed patterns without a literal path: {unnamed}"
    needs_pk = [
        p.key for p in PATTERNS if {"pk", "client_pk"} & set(p.kwargs) and rule_of(p).pk is None
    ]
    assert not needs_pk, f"patterns with a pk but no object kind in their rule: {needs_pk}"
    assert len(PATTERNS) >= 60  # the walk reached into the includes, the router and the admin


def test_every_url_for_every_persona(world, browsers):
    """GET and an empty POST of every URL, filled with the Helsinki client's objects, as each
    persona; every answer checked against the rules and for leaked identities."""
    failures, answered, shown = [], 0, set()
    for pattern in PATTERNS:
        rule = rule_of(pattern)
        url = url_of(world, pattern)
        for method in ("GET", "POST"):
            own = request(sign_in_again(world, browsers, "own"), method, url, rule)
            refused_for_all = own.status_code == 405
            for persona in PERSONAS:
                browser = sign_in_again(world, browsers, persona)
                response = own if persona == "own" else request(browser, method, url, rule)
                answered += 1
                wrong = verdict(persona, rule, "hel", response, refused_for_all)
                leaked = leaks(world, persona, rule, response)
                if method == "GET" and shows(world, "hel", response):
                    shown.add((pattern.key, persona))
                if wrong or leaked:
                    leak = f"LEAK {leaked}" if leaked else ""
                    failures.append(
                        f"{method} {url} ({pattern.key}) as {persona}: "
                        f"{response.status_code} {wrong or ''} {leak}"
                    )
    assert answered == len(PATTERNS) * 2 * len(PERSONAS)
    # The leak check can see a name: the entitled personas do get the client's data.
    assert shown >= CANARIES, f"pages that should show the client but did not: {CANARIES - shown}"
    assert not failures, "\n".join(failures)


OWNERS = tuple(CLIENTS)
ids = st.one_of(
    st.none(),  # the owner's own object
    st.integers(min_value=0, max_value=60),  # small ids: some real objects of any kind and area
    st.integers(min_value=10**6, max_value=2**31 - 1),  # nonexistent
)


@settings(
    max_examples=400,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    pattern=st.sampled_from(PATTERNS),
    persona=st.sampled_from(PERSONAS),
    method=st.sampled_from(("GET", "POST")),
    owner=st.sampled_from(OWNERS),
    override=ids,
)
def test_generated_requests(world, browsers, pattern, persona, method, owner, override):
    """Any URL, any persona, objects of any area or none: no server error, and nobody the
    persona may not see appears in the answer."""
    rule = rule_of(pattern)
    url = url_of(world, pattern, owner, override)
    response = request(sign_in_again(world, browsers, persona), method, url, rule)
    assert response.status_code < 500, f"{method} {url} as {persona}: {response.status_code}"
    leaked = leaks(world, persona, rule, response)
    assert not leaked, f"{method} {url} as {persona} leaked {leaked}"
    if override is None and rule.pk is not None:
        refused = response.status_code == 405  # the view does not take this method
        wrong = verdict(persona, rule, owner, response, refused)
        assert wrong is None, f"{method} {url} as {persona}: {wrong}"
