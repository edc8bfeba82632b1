"""Child process: one referral run into the configured database; print JSON with the clients
written, the whole run's seconds and the seconds spent writing."""

import datetime as dt
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kuntakokeilu.web.settings")

import django

django.setup()

from kuntakokeilu.clients import referral  # noqa: E402
from kuntakokeilu.clients.models import Client  # noqa: E402

if __name__ == "__main__":
    path, on = Path(sys.argv[1]), dt.date.fromisoformat(sys.argv[2])
    writing = []
    original = referral.apply_all

    def timed_apply_all(*args, **kwargs):
        started = time.perf_counter()
        original(*args, **kwargs)
        writing.append(time.perf_counter() - started)

    referral.apply_all = timed_apply_all
    started = time.perf_counter()
    referral.run_referral(path, on)
    seconds = time.perf_counter() - started
    clients = Client.objects.with_area().count()
    print(json.dumps({"clients": clients, "seconds": seconds, "write_seconds": writing[0]}))
