"""The day the system treats as today.

Case work runs on dates: what is due, what is overdue, which quota period is open, which rules are
in force. In production that is the real local date. A training or demonstration installation can
fix it with ``KUNTAKOKEILU_TODAY=YYYY-MM-DD`` (``make demo`` sets it to the day after its simulated
case work ends, so the work list shows what a case worker saw then, not five years of arrears);
every page then says so in a banner. Timestamps (the audit log, ``recorded at``) stay real.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone


def today() -> dt.date:
    """The configured business date, or the real local date when none is configured."""
    return settings.BUSINESS_DATE or timezone.localdate()


def business_date(request) -> dict:
    """Template context: ``fixed_today`` when the installation runs on a fixed date."""
    return {"fixed_today": settings.BUSINESS_DATE}
