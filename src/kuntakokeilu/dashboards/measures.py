"""The names people read for the indicators' measures, in fi/sv/en.

The monitoring core names a measure by a stable English identifier (``employment_rate``); the
pages and files show it through gettext. A measure family with a suffix (a service, a job-offer
outcome, a financing band) is named from its parts. An identifier this table does not know is
shown as it is, so a new measure is visible at once (and the catalogue test asks for its name).
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kuntakokeilu.services.models import Outcome, ServiceKind

MEASURES = {
    "employed_stock": gettext_lazy("employed"),
    "employment_rate": gettext_lazy("employment rate"),
    "transitions_to_employment": gettext_lazy("moved into employment"),
    "subsidy_days": gettext_lazy("labour market subsidy days paid"),
    "subsidy_eur": gettext_lazy("labour market subsidy paid"),
    "municipality_share_eur": gettext_lazy("municipalities' share"),
    "state_share_eur": gettext_lazy("state's share"),
    "municipality_saving_eur": gettext_lazy("saving for the municipalities against a year earlier"),
    "state_saving_eur": gettext_lazy("saving for the state against a year earlier"),
    "subsidy_eur_change": gettext_lazy("change in subsidy paid against a year earlier"),
    "subsidy_eur_change_vs_comparison": gettext_lazy(
        "change against a year earlier, compared with the comparison group"
    ),
    "in_services": gettext_lazy("in services"),
    "activation_rate": gettext_lazy("activation rate"),
    "service_starts": gettext_lazy("service starts"),
    "unemployed_at_previous_month_end": gettext_lazy("unemployed at the previous month's end"),
    "transitions_to_work": gettext_lazy("moved from unemployment to work"),
    "transitions_to_education": gettext_lazy("moved from unemployment to education"),
    "transition_rate": gettext_lazy("transition rate to work or education"),
    "transition_rate_to_work": gettext_lazy("transition rate to work"),
    "completed_spells": gettext_lazy("unemployment spells ended"),
    "completed_spell_mean_days": gettext_lazy("mean length of the spells ended, days"),
    "ongoing_spells": gettext_lazy("ongoing unemployment spells"),
    "ongoing_spell_mean_days": gettext_lazy("mean length of the ongoing spells, days"),
    "unemployed": gettext_lazy("unemployed"),
    "long_term_unemployed": gettext_lazy("long-term unemployed"),
    "long_term_share": gettext_lazy("share of the long-term unemployed"),
    "structurally_unemployed": gettext_lazy("structurally unemployed"),
    "structural_share": gettext_lazy("share of the structurally unemployed"),
    "job_offers_made": gettext_lazy("job offers made"),
    "job_offer_results": gettext_lazy("job offers answered"),
    "hired_share": gettext_lazy("share hired"),
    "work_ability_assessments": gettext_lazy("work-ability self-assessments"),
    "work_ability_mean": gettext_lazy("mean work ability (0-10)"),
    "work_ability_change_mean": gettext_lazy("mean change in work ability"),
    "satisfaction_answers": gettext_lazy("customer-satisfaction answers"),
    "satisfaction_mean": gettext_lazy("mean customer satisfaction (1-5)"),
    "satisfied_share": gettext_lazy("share satisfied (4 or 5)"),
    "wellbeing_answers": gettext_lazy("staff-wellbeing answers"),
    "wellbeing_mean": gettext_lazy("mean staff wellbeing (1-5)"),
    "wellbeing_good_share": gettext_lazy("share of staff doing well (4 or 5)"),
}

#: services beyond the case system's own decisions
OTHER_SERVICES = {
    "rehabilitation": gettext_lazy("rehabilitation"),
    "self_motivated_study": gettext_lazy("self-motivated study"),
}

BAND = re.compile(r"subsidy_days_municipality_share_(\d+)pct")


def measure_name(measure: str) -> str:
    """What a person reads for ``measure``, in the active language."""
    if measure in MEASURES:
        return str(MEASURES[measure])
    if measure.startswith("service_starts_"):
        service = measure.removeprefix("service_starts_")
        known = {**dict(ServiceKind.choices), **OTHER_SERVICES}
        if service in known:
            return _("service starts: %(service)s") % {"service": known[service]}
    if measure.startswith("job_offer_results_"):
        outcome = measure.removeprefix("job_offer_results_")
        if outcome in Outcome.values:
            return _("job offers answered: %(outcome)s") % {"outcome": Outcome(outcome).label}
    band = BAND.fullmatch(measure)
    if band:
        percent = int(band.group(1))
        return _("subsidy days with a municipal share of %(percent)s %%") % {"percent": percent}
    return measure
