"""Child process: the naive way, one ORM save per client and per event, for N clients; print
JSON with the seconds."""

import datetime as dt
import json
import os
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kuntakokeilu.web.settings")

import django

django.setup()

from django.db import transaction  # noqa: E402

from kuntakokeilu.areas.models import Area  # noqa: E402
from kuntakokeilu.clients.models import Client, ReferralEvent, ReferralRun  # noqa: E402
from kuntakokeilu.rules.identity import check_character  # noqa: E402


def codes(n: int) -> list[str]:
    out = []
    for i in range(n):
        body = f"0101{10 + i // 800:02d}A{100 + i % 800:03d}"  # born 2010+: not in the register
        out.append(body + check_character(body + "0"))
    return out


if __name__ == "__main__":
    n, on = int(sys.argv[1]), dt.date.fromisoformat(sys.argv[2])
    area = Area.objects.get(area_id="helsinki")
    run = ReferralRun.objects.create(on=on, extract_sha256="orm-baseline", extract_name="baseline")
    started = time.perf_counter()
    with transaction.atomic():
        for code in codes(n):
            client = Client.objects.create(
                person_id=code,
                birth_date=dt.date(2010, 1, 1),
                home_municipality="091",
                status="unemployed",
                earnings_related=False,
                immigrant=False,
                language="fi",
                registered_on=on,
                area=area,
                referred_on=on,
                reasons="UNDER_30",
            )
            ReferralEvent.objects.create(
                client=client,
                run=run,
                kind="newly_referred",
                on=on,
                to_area="helsinki",
                reasons="UNDER_30",
            )
    print(json.dumps({"seconds": time.perf_counter() - started}))
