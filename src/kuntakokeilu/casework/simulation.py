"""Simulated case work for the demo: a few months of plausible history through the real actions.

``simulate_area`` takes a share of an area's clients that have no case work yet and, acting as
the area's case workers, plays each one's history forward from ``start`` to ``end``: the case
worker takes the client, holds the initial interview (and then whatever ``ProcessState`` says is
due next), assesses the service needs, makes a plan and updates it, decides a service within the
area's quota, makes job offers and records their answers, and reports a refused offer to the TE
office. Every step goes through ``casework.actions`` or ``services.actions``, so it writes its
rows, its ``DomainEvent`` and its audit row exactly as a case worker's click would.

Lateness is part of the story: some interviews are held after their due day, some plans take
longer than the 14 days, some clients are left waiting, and some offers stay unanswered past
their deadline, so the work list has overdue items on ``end`` (the demo's "today").

Everything random comes from the one ``random.Random`` given: the same seed and the same database
give the same history. An area's clients are simulated in ONE transaction (the actions' own
transactions become savepoints), which keeps a demo-sized run to seconds on SQLite.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction

from kuntakokeilu.accounts.models import Role
from kuntakokeilu.areas.models import Area
from kuntakokeilu.casework import actions
from kuntakokeilu.casework.models import Interview, Plan, ProcessState, ServiceNeedsAssessment
from kuntakokeilu.clients.models import Client
from kuntakokeilu.rules.deadlines import INITIAL_INTERVIEW, add_months
from kuntakokeilu.services import actions as services
from kuntakokeilu.services import eligibility, terms
from kuntakokeilu.services.models import (
    BindingBasis,
    JobOffer,
    OrganisationKind,
    Outcome,
    ServiceKind,
)

DAY = dt.timedelta(days=1)

# -- how case work tends to go (shares of the simulated clients) --------------------------------

#: Clients the case worker has taken but not yet met: their initial interview stays due.
NOT_MET = 0.10
#: Interviews held after their due day, and how late (days).
LATE = 0.25
LATE_DAYS = (1, 35)
#: After each interview, the chance that the next one is not held (yet): the client is left due.
LEFT_WAITING = 0.15
#: After the initial interview: a service-needs assessment, a plan, a service, a job offer.
ASSESSED = 0.85
PLANNED = 0.80
PLAN_DAYS = (0, 25)  # after the initial interview; more than 14 is late
PLAN_UPDATED = 0.5  # at a later interview
SERVICE = 0.40
JOB_OFFER = 0.35
OFFER_REPORTED = 0.8  # of the refused or unanswered binding offers
#: What comes of a job offer answered by the deadline (the rest stay open).
OFFER_OUTCOMES = {
    Outcome.APPLIED: 45,
    Outcome.HIRED: 10,
    Outcome.REFUSED: 15,
    Outcome.NO_ANSWER: 10,
    Outcome.OPEN: 20,
}
SERVICES = {
    ServiceKind.CAREER_GUIDANCE: 25,
    ServiceKind.COACHING: 25,
    ServiceKind.LABOUR_MARKET_TRAINING: 20,
    ServiceKind.WAGE_SUBSIDY: 15,
    ServiceKind.WORK_TRIAL: 10,
    ServiceKind.START_UP_GRANT: 5,
}
CHANNELS = {
    Interview.Channel.IN_PERSON: 45,
    Interview.Channel.PHONE: 30,
    Interview.Channel.VIDEO: 15,
    Interview.Channel.E_SERVICE: 10,
}
SEGMENTS = {
    ServiceNeedsAssessment.Segment.JOB_PLACEMENT: 50,
    ServiceNeedsAssessment.Segment.COMPETENCE_DEVELOPMENT: 35,
    ServiceNeedsAssessment.Segment.SUPPORTED_EMPLOYMENT: 15,
}
TASKS = (
    "Apply for at least three jobs a month",
    "Update the CV in Job Market Finland",
    "Attend the job-search coaching information session",
    "Find out about labour market training in logistics",
    "Contact the employers of the recruitment event",
    "Book a work-ability assessment with occupational health",
    "Take the Finnish language level test",
    "Visit the one-stop guidance centre",
)
PLAN_CHANGES = (
    "Job search goals revised after the interview.",
    "Training added to the plan.",
    "Tasks done marked; new tasks agreed.",
    "Service agreed; the plan follows it.",
)
EMPLOYERS = (
    ("Rakennus Oy Laine", "1234567-1", OrganisationKind.COMPANY),
    ("Kauppa Virtanen Ky", "2345678-2", OrganisationKind.COMPANY),
    ("Logistiikka Nord Ab", "3456789-3", OrganisationKind.COMPANY),
    ("Hoiva ja Apu ry", "4567890-4", OrganisationKind.ASSOCIATION),
    ("Kierrätyskeskus-säätiö", "5678901-5", OrganisationKind.ASSOCIATION),
)
VACANCIES = (
    "Warehouse worker",
    "Customer service adviser",
    "Cleaner",
    "Practical nurse",
    "Bus driver",
    "Kitchen assistant",
    "Shop assistant",
    "Installer",
)
#: The wage subsidy kinds a case worker picks first, when the client qualifies.
SUBSIDY_PREFERENCE = (
    "association",
    "aged_55_plus",
    "very_long_unemployed",
    "long_unemployed",
    "standard",
    "skills",
)


class NoCaseWorkers(Exception):
    """The area has no case workers to act as."""


@dataclass
class AreaResult:
    """What the simulation did in one area."""

    area_id: str
    clients: int = 0  # the area's clients
    eligible: int = 0  # of them, with no case work yet
    simulated: int = 0
    counts: Counter = field(default_factory=Counter)
    seconds: float = 0.0

    def count(self, what: str, n: int = 1) -> None:
        self.counts[what] += n


def case_workers(area: Area) -> list:
    """The area's active case workers, in a fixed order (by username)."""
    users = get_user_model().objects.filter(
        profile__role=Role.CASE_WORKER, profile__area=area, is_active=True
    )
    workers = list(users.select_related("profile").order_by("username"))
    if not workers:
        raise NoCaseWorkers(area.area_id)
    return workers


def chosen_clients(area: Area, share: float, rng: random.Random) -> tuple[int, list[int], int]:
    """(the area's clients, the ids chosen, how many were eligible): a ``share`` of all the
    area's clients, from those without any interview yet (so a second run adds to the first)."""
    everyone = Client.objects.in_area(area)
    total = everyone.count()
    eligible = list(
        everyone.exclude(pk__in=Interview.objects.values("client_id"))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    wanted = min(len(eligible), round(total * share))
    return total, sorted(rng.sample(eligible, wanted)), len(eligible)


def simulate_area(
    area: Area,
    *,
    start: dt.date,
    end: dt.date,
    share: float,
    rng: random.Random,
    progress: Callable[[str], None] | None = None,
    every: int = 500,
) -> AreaResult:
    """Simulate the case work of a ``share`` of the area's clients from ``start`` to ``end``."""
    workers = case_workers(area)
    result = AreaResult(area.area_id)
    result.clients, chosen, result.eligible = chosen_clients(area, share, rng)
    with transaction.atomic():
        clients = Client.objects.filter(pk__in=chosen).select_related("area").order_by("pk")
        for n, client in enumerate(clients.iterator(chunk_size=500), start=1):
            Story(client, workers, start, end, rng, result).play()
            result.simulated = n
            if progress and n % every == 0:
                progress(f"{area.area_id}: {n} / {len(chosen)} clients")
        result.count("overdue_interviews", overdue_interviews(chosen, end))
        result.count(
            "overdue_job_offers", JobOffer.objects.overdue(end).filter(client__in=chosen).count()
        )
    return result


def overdue_interviews(client_ids: list[int], on: dt.date) -> int:
    """Of the clients, how many have an interview or discussion overdue on ``on``."""
    return ProcessState.objects.filter(client__in=client_ids, due_on__lt=on).count()


def weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def day_between(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randint(0, max(0, (last - first).days)))


class Story:
    """One client's simulated history."""

    def __init__(self, client, workers, start, end, rng: random.Random, result: AreaResult):
        self.client, self.start, self.end, self.rng, self.result = client, start, end, rng, result
        if client.case_worker_id and any(w.pk == client.case_worker_id for w in workers):
            self.worker = next(w for w in workers if w.pk == client.case_worker_id)
        else:
            self.worker = rng.choice(workers)
        self.interviews: list[dt.date] = []
        self.plan: Plan | None = None
        self.plan_made_on: dt.date | None = None

    def play(self) -> None:
        self.take()
        self.meet()
        if not self.interviews:
            return
        first = self.interviews[0]
        rng = self.rng
        if rng.random() < ASSESSED:
            self.assess(day_between(rng, first, min(first + 7 * DAY, self.end)))
        if rng.random() < PLANNED:
            made_on = first + dt.timedelta(days=rng.randint(*PLAN_DAYS))
            if made_on <= self.end:
                self.make_plan(made_on)
        for held in self.interviews[1:]:
            if self.plan and held >= self.plan_made_on and rng.random() < PLAN_UPDATED:
                self.update_plan(held)
        if self.plan and rng.random() < SERVICE:
            decided = self.plan_made_on + dt.timedelta(days=rng.randint(3, 30))
            if decided <= self.end:
                self.decide(decided)
        if rng.random() < JOB_OFFER:
            offered = first + dt.timedelta(days=rng.randint(5, 75))
            if offered <= self.end:
                self.offer(offered)

    # -- the steps ------------------------------------------------------------------------------

    def take(self) -> None:
        if self.client.case_worker_id is None:
            actions.assign_case_worker(self.client, self.worker, by=self.worker)
            self.client.case_worker = self.worker
            self.result.count("assigned")

    def meet(self) -> None:
        """Hold what is due, in turn, until ``end`` or until the client is left waiting."""
        rng, cursor = self.rng, max(self.start, self.client.registered_on)
        if rng.random() < NOT_MET:
            return
        kind, due_on = self.due()
        while kind and due_on:
            held = self.held_on(cursor, due_on)
            if held > self.end:
                return
            actions.record_interview(
                self.client,
                date=held,
                kind=kind,
                channel=weighted(rng, CHANNELS),
                notes="" if kind != INITIAL_INTERVIEW else "Situation and job-search goals.",
                by=self.worker,
            )
            self.interviews.append(held)
            self.result.count(f"interview:{kind}")
            if held > due_on:
                self.result.count("interviews_late")
            cursor = held + DAY
            if rng.random() < LEFT_WAITING:
                return
            kind, due_on = self.due()

    def due(self) -> tuple[str, dt.date | None]:
        """What ``ProcessState`` (refreshed by ``record_interview``) says is due next."""
        row = ProcessState.objects.filter(client=self.client).values_list("due_kind", "due_on")
        return row.first() or ("", None)

    def held_on(self, cursor: dt.date, due_on: dt.date) -> dt.date:
        """When the due item is held: by its day, or late; never before ``cursor``."""
        rng = self.rng
        if due_on < cursor:  # overdue already when the area took the client over
            return cursor + dt.timedelta(days=rng.randint(0, 20 if rng.random() > LATE else 45))
        if rng.random() < LATE:
            return due_on + dt.timedelta(days=rng.randint(*LATE_DAYS))
        return day_between(rng, max(cursor, due_on - 10 * DAY), due_on)

    def assess(self, on: dt.date) -> None:
        rng = self.rng
        social, health, rehab = (rng.random() < p for p in (0.15, 0.12, 0.06))
        needs = actions.ServiceNeeds(
            segment=weighted(rng, SEGMENTS),
            competence_needs=rng.choice(("", "Digital skills", "Vocational qualification")),
            work_ability=rng.randint(3, 10) if rng.random() < 0.7 else None,
            needs_social_services=social,
            social_services_need="Debt counselling" if social else "",
            needs_health_services=health,
            health_services_need="Occupational health check" if health else "",
            needs_rehabilitation=rehab,
            rehabilitation_need="Vocational rehabilitation" if rehab else "",
            referred_to_social_services=social and rng.random() < 0.5,
            referred_to_health_services=health and rng.random() < 0.5,
            referred_to_kela_rehabilitation=rehab and rng.random() < 0.5,
        )
        actions.assess_service_needs(self.client, date=on, needs=needs, by=self.worker)
        self.result.count("assessments")

    def tasks(self, on: dt.date, done: int = 0) -> list[actions.TaskInput]:
        chosen = self.rng.sample(TASKS, self.rng.randint(1, 3))
        return [
            actions.TaskInput(task, due_on=on + dt.timedelta(days=30 * (i + 1)), done=i < done)
            for i, task in enumerate(chosen)
        ]

    def make_plan(self, on: dt.date) -> None:
        immigrant = self.client.immigrant and self.rng.random() < 0.6
        kind = Plan.Kind.INTEGRATION if immigrant else Plan.Kind.EMPLOYMENT
        self.plan = actions.make_plan(
            self.client,
            kind=kind,
            made_on=on,
            job_search_obligation=None,
            tasks=self.tasks(on),
            by=self.worker,
        )
        self.plan_made_on = on
        self.result.count("plans")
        if on > self.interviews[0] + 14 * DAY:
            self.result.count("plans_late")

    def update_plan(self, on: dt.date) -> None:
        actions.update_plan(
            self.plan,
            made_on=on,
            changes=self.rng.choice(PLAN_CHANGES),
            job_search_obligation=None,
            tasks=self.tasks(on, done=self.rng.randint(0, 1)),
            by=self.worker,
        )
        self.plan_made_on = on
        self.result.count("plan_updates")

    def decide(self, on: dt.date) -> None:
        kind = weighted(self.rng, SERVICES)
        try:
            services.decide_service(
                self.client, actor=self.worker, decided_on=on, **self.service(kind, on)
            )
        except ValidationError as error:
            if error.code != "quota":
                raise
            self.result.count("decisions_over_quota")
            return
        self.result.count(f"decision:{kind}")

    def service(self, kind: str, on: dt.date) -> dict:
        """The case worker's input for a decision of ``kind`` made on ``on``."""
        rng = self.rng
        starts = on + dt.timedelta(days=rng.randint(7, 21))
        values: dict = {"kind": kind, "starts_on": starts}
        name, business_id, organisation = rng.choice(EMPLOYERS)
        if kind == ServiceKind.CAREER_GUIDANCE:
            values["ends_on"] = add_months(starts, 1) - DAY
        elif kind in (ServiceKind.COACHING, ServiceKind.LABOUR_MARKET_TRAINING):
            months = 2 if kind == ServiceKind.COACHING else rng.randint(3, 6)
            values["ends_on"] = add_months(starts, months) - DAY
            values["cost_eur"] = Decimal(rng.randrange(800, 6000, 50))
        elif kind == ServiceKind.WORK_TRIAL:
            values["ends_on"] = add_months(starts, rng.randint(1, 3)) - DAY
            values |= {"organisation_name": name, "organisation_id": business_id}
        elif kind == ServiceKind.START_UP_GRANT:
            values["ends_on"] = add_months(starts, 6) - DAY
        else:  # wage subsidy
            subsidy_kind, max_months = self.subsidy_kind(on, organisation)
            values |= {
                "ends_on": add_months(starts, min(max_months, rng.choice((6, 12)))) - DAY,
                "organisation_name": name,
                "organisation_id": business_id,
                "organisation_kind": organisation,
                "subsidy_kind": subsidy_kind,
                "monthly_pay_cost": Decimal(rng.randrange(2100, 3400, 10)),
            }
        return values

    def subsidy_kind(self, on: dt.date, organisation: str) -> tuple[str, int]:
        """The most generous wage subsidy kind in force on ``on`` that the client and the
        employer qualify for (``services.eligibility``: the rules the decision is checked by)."""
        value = terms.rule("wage_subsidy", on).value
        person = eligibility.Applicant.of(self.client, employer_kind=organisation)
        allowed = eligibility.eligible_kinds(person, value, on)
        name = next(k for k in SUBSIDY_PREFERENCE if k in allowed)
        return name, value["kinds"][name]["max_months"]

    def offer(self, on: dt.date) -> None:
        rng = self.rng
        offer = services.make_job_offer(
            self.client,
            actor=self.worker,
            vacancy_title=rng.choice(VACANCIES),
            employer=rng.choice(EMPLOYERS)[0],
            offered_on=on,
            answer_by=on + dt.timedelta(days=rng.randint(7, 14)),
        )
        self.result.count("job_offers")
        outcome = weighted(rng, OFFER_OUTCOMES)
        if outcome == Outcome.OPEN:
            return
        if outcome == Outcome.NO_ANSWER:
            answered = offer.answer_by + DAY
        else:
            answered = day_between(rng, on + DAY, offer.answer_by)
        if answered > self.end:
            return
        offer = services.answer_job_offer(
            offer, actor=self.worker, outcome=outcome, answered_on=answered
        )
        self.result.count(f"offer:{outcome}")
        reported = answered + dt.timedelta(days=rng.randint(1, 7))
        if (
            offer.reportable
            and offer.binding_basis != BindingBasis.WITHIN_SIX_MONTHS
            and reported <= self.end
            and rng.random() < OFFER_REPORTED
        ):
            services.report_job_offer(offer, actor=self.worker, on=reported)
            self.result.count("te_reports")
