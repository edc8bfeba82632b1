"""Child process: server time of the work list and the client page with a national case load.

Needs a database prepared by the casework suite (reference data, a scale-1 referral loaded, the
due items computed, quotas sized, demo users). Adds a year of domain events for every client with
bulk inserts, then a year of real case work (interviews, assessments, plans, decisions, job
offers, reports: rows, events and audit rows) through the actions for a share of Helsinki's
clients, then asks for the pages through Django's test client as a Helsinki case worker (the
client pages: of clients with that case work) and prints JSON with the p50/p95 server times and
the queries per page.
"""

import datetime as dt
import json
import os
import random
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kuntakokeilu.web.settings")

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client as Browser  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from kuntakokeilu.accounts.models import Profile, Role  # noqa: E402
from kuntakokeilu.areas.models import Area  # noqa: E402
from kuntakokeilu.casework.models import DomainEvent  # noqa: E402
from kuntakokeilu.casework.simulation import simulate_area  # noqa: E402
from kuntakokeilu.clients.models import Client  # noqa: E402

KINDS = ("interview_held", "plan_made", "job_offer_made", "service_decided", "plan_updated")
YEAR_START = dt.date(2021, 3, 1)


def add_a_year_of_events(per_client: int) -> int:
    """``per_client`` events for every client over a year, in bulk (not through the actions)."""
    rng = random.Random(1)
    rows = Client.objects.values_list("pk", "area__area_id", "home_municipality")
    batch, written = [], 0
    for pk, area, municipality in rows.iterator(chunk_size=20_000):
        for _ in range(per_client):
            on = YEAR_START + dt.timedelta(days=rng.randrange(365))
            batch.append(
                DomainEvent(
                    client_id=pk,
                    kind=rng.choice(KINDS),
                    on=on,
                    area=area or "",
                    municipality=municipality,
                    attributes={"simulated": True},
                )
            )
        if len(batch) >= 50_000:
            DomainEvent.objects.bulk_create(batch, batch_size=5_000)
            written, batch = written + len(batch), []
    DomainEvent.objects.bulk_create(batch, batch_size=5_000)
    return written + len(batch)


def case_worker():
    user, _ = get_user_model().objects.get_or_create(username="bench-case-worker")
    Profile.objects.get_or_create(
        user=user,
        defaults={
            "role": Role.CASE_WORKER,
            "area": Area.objects.get(area_id="helsinki"),
            "language": "en",
        },
    )
    return user


def timed(browser: Browser, url: str) -> tuple[float, int]:
    reset_queries()  # the log holds at most 9 000 queries: a full one would count none
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = browser.get(url)
        seconds = time.perf_counter() - started
    assert response.status_code == 200, (url, response.status_code)
    return seconds, len(queries)


def measure(browser: Browser, urls: list[str]) -> dict:
    timed(browser, urls[0])  # warm caches and templates
    results = [timed(browser, url) for url in urls]
    seconds = sorted(s for s, _ in results)
    return {
        "requests": len(seconds),
        "p50_ms": 1000 * statistics.median(seconds),
        "p95_ms": 1000 * seconds[int(0.95 * (len(seconds) - 1))],
        "queries": max(q for _, q in results),
    }


def a_year_of_case_work(share: float) -> tuple[list[int], int, float]:
    """(the clients acted on, the events their case work wrote, seconds) for a ``share`` of
    Helsinki's clients, through the real actions from 1.3.2021 to 28.2.2022."""
    before = DomainEvent.objects.count()
    started = time.perf_counter()
    simulate_area(
        Area.objects.get(area_id="helsinki"),
        start=YEAR_START,
        end=dt.date(2022, 2, 28),
        share=share,
        rng=random.Random(3),
    )
    seconds = time.perf_counter() - started
    acted = DomainEvent.objects.filter(actor__isnull=False).order_by().values_list("client_id")
    return [pk for (pk,) in acted.distinct()], DomainEvent.objects.count() - before, seconds


if __name__ == "__main__":
    events = add_a_year_of_events(int(sys.argv[1]))
    acted, acted_events, acted_seconds = a_year_of_case_work(float(sys.argv[2]))
    browser = Browser(HTTP_HOST="localhost")
    browser.force_login(case_worker())
    helsinki = list(Client.objects.filter(area__area_id="helsinki").values_list("pk", flat=True))
    sample = random.Random(2).sample(sorted(acted), min(40, len(acted)))
    pages = [f"/work/?page={n}" for n in (1, 2, 3, 10, 50)] * 8
    print(
        json.dumps(
            {
                "clients": Client.objects.with_area().count(),
                "helsinki_clients": len(helsinki),
                "events": DomainEvent.objects.count(),
                "added_events": events,
                "acted_clients": len(acted),
                "acted_events": acted_events,
                "acted_seconds": acted_seconds,
                "work_list": measure(browser, pages),
                "client_page": measure(browser, [f"/clients/{pk}/" for pk in sample]),
            }
        )
    )
