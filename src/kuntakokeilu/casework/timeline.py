"""The client's timeline: domain events and referral events, newest first, in words.

Other apps may say more about their own event kinds than the label: register a function from
the event to a short text with ``register_event_summary(kind, summarise)``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kuntakokeilu.casework.models import DomainEvent, Interview, Plan, ServiceNeedsAssessment
from kuntakokeilu.casework.templatetags.casework import reasons_in_words
from kuntakokeilu.clients.models import Client, ReferralEvent

EVENT_LABELS = {
    "referred": gettext_lazy("referred to the area"),
    "interview_held": gettext_lazy("interview or discussion held"),
    "service_needs_assessed": gettext_lazy("service needs assessed"),
    "work_ability_assessed": gettext_lazy("work ability assessed"),
    "plan_made": gettext_lazy("plan made"),
    "plan_updated": gettext_lazy("plan updated"),
    "service_decided": gettext_lazy("decision on a service"),
    "service_started": gettext_lazy("service started"),
    "service_ended": gettext_lazy("service ended"),
    "job_offer_made": gettext_lazy("job offer made"),
    "job_offer_answered": gettext_lazy("job offer answered"),
    "te_report_made": gettext_lazy("report to the TE office made"),
    "te_report_status_changed": gettext_lazy("report to the TE office changed"),
    "client_assigned": gettext_lazy("case worker changed"),
}
REFERRAL_LABELS = {
    ReferralEvent.Kind.NEWLY_REFERRED: gettext_lazy("referred to the area"),
    ReferralEvent.Kind.MOVES_AREA: gettext_lazy("moved to another area"),
    ReferralEvent.Kind.RETURNS_TO_TE_OFFICE: gettext_lazy("returned to the TE office"),
    ReferralEvent.Kind.CUSTOMERSHIP_ENDS: gettext_lazy("customership ended"),
}

Summary = Callable[[DomainEvent], str]
EVENT_SUMMARIES: dict[str, Summary] = {}


def register_event_summary(kind: str, summarise: Summary) -> None:
    EVENT_SUMMARIES[kind] = summarise


@dataclass(frozen=True)
class Entry:
    on: dt.date
    label: str
    summary: str
    by: str
    source: str  # "event" or "referral"


def choice_label(choices, value) -> str:
    return str(dict(choices).get(value, value or ""))


def interview_summary(event: DomainEvent) -> str:
    facts = event.attributes
    return _("%(kind)s, %(channel)s") % {
        "kind": choice_label(Interview.Kind.choices, facts.get("kind")),
        "channel": choice_label(Interview.Channel.choices, facts.get("channel")),
    }


def assessment_summary(event: DomainEvent) -> str:
    return choice_label(ServiceNeedsAssessment.Segment.choices, event.attributes.get("segment"))


def work_ability_summary(event: DomainEvent) -> str:
    return _("%(score)s on a scale of 0 to 10") % {"score": event.attributes.get("work_ability")}


def plan_summary(event: DomainEvent) -> str:
    return _("%(kind)s, version %(number)s") % {
        "kind": choice_label(Plan.Kind.choices, event.attributes.get("kind")),
        "number": event.attributes.get("version"),
    }


for _kind, _summarise in {
    "interview_held": interview_summary,
    "service_needs_assessed": assessment_summary,
    "work_ability_assessed": work_ability_summary,
    "plan_made": plan_summary,
    "plan_updated": plan_summary,
}.items():
    register_event_summary(_kind, _summarise)


def actor_name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def event_entry(event: DomainEvent) -> Entry:
    summarise = EVENT_SUMMARIES.get(event.kind)
    return Entry(
        on=event.on,
        label=str(EVENT_LABELS.get(event.kind, event.kind)),
        summary=summarise(event) if summarise else "",
        by=actor_name(event.actor),
        source="event",
    )


def referral_entry(event: ReferralEvent) -> Entry:
    parts = [reasons_in_words(event.reasons)] if event.reasons else []
    if event.to_area and event.from_area:
        parts.insert(0, f"{event.from_area} → {event.to_area}")
    if event.notice:
        parts.append(_("notice: %(document)s") % {"document": event.notice})
    return Entry(
        on=event.on,
        label=str(REFERRAL_LABELS.get(event.kind, event.kind)),
        summary="; ".join(parts),
        by="",
        source="referral",
    )


def timeline(client: Client) -> list[Entry]:
    """Everything that happened to the client, newest first (two queries)."""
    events = client.events.select_related("actor").order_by("-on", "-at", "-pk")
    referrals = client.referral_events.order_by("-on", "-pk")
    entries = [*map(event_entry, events), *map(referral_entry, referrals)]
    return sorted(entries, key=lambda e: e.on, reverse=True)
