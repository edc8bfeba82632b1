"""Job offers on the case worker's work list.

``job_offer_due_items(clients, on)`` is the hook for the casework work list: the open job offers
of ``clients`` (a queryset the caller has already scoped with ``access.visible_clients``), each
with its answer deadline, earliest first. Offers whose deadline passed before ``on`` are closed
first (``no_answer``, as ``close-job-offers`` would), so what is returned still waits for an
answer: ``due_on`` is on or after ``on``.

The rows have the shape of the casework work list's list sources (``client_id``, ``kind``,
``due_on``, ``detail``, ``url``), so wiring them in is, in ``ServicesConfig.ready``::

    register_due_source(DueSource(
        name="job_offers",
        kinds={"job_offer_answer": _("job offer to answer")},
        rows=job_offer_due_items,
    ))
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import F, QuerySet, Value
from django.urls import reverse

from kuntakokeilu.services.actions import close_overdue_job_offers
from kuntakokeilu.services.models import JobOffer

KIND = "job_offer_answer"


@dataclass(frozen=True)
class JobOfferDue:
    """One work-list row: the client's answer to a job offer is due on ``due_on``."""

    kind: str
    client_id: int
    job_offer_id: int
    due_on: dt.date
    detail: str
    binding: bool
    url: str


def close_overdue_of(clients: QuerySet, on: dt.date) -> int:
    """Close the overdue offers of ``clients`` (the lazy close when a page is viewed)."""
    return close_overdue_job_offers(on, clients=clients)


def job_offer_due_items(clients: QuerySet, on: dt.date) -> list[JobOfferDue]:
    close_overdue_of(clients, on)
    offers = JobOffer.objects.open().filter(client__in=clients).order_by("answer_by", "pk")
    return [_item(offer) for offer in offers]


def _item(offer: JobOffer) -> JobOfferDue:
    return JobOfferDue(
        kind=KIND,
        client_id=offer.client_id,
        job_offer_id=offer.pk,
        due_on=offer.answer_by,
        detail=f"{offer.vacancy_title}, {offer.employer}",
        binding=offer.binding,
        url=reverse("services:job-offer-answer", kwargs={"pk": offer.pk}),
    )


def job_offer_answers(clients: QuerySet, on: dt.date) -> QuerySet:
    """The work list's source: every open job offer of ``clients`` by its answer deadline, as one
    query (an offer whose deadline has passed shows as overdue until close-job-offers runs)."""
    from kuntakokeilu.casework.worklist import due_rows

    offers = JobOffer.objects.open().filter(client__in=clients.values("pk"))
    return due_rows(
        offers,
        client=F("client_id"),
        kind=Value(KIND),
        due_on=F("answer_by"),
        detail=F("vacancy_title"),
    )
