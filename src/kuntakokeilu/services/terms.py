"""What a service decision grants, by the dated rules in force on the decision date.

The rules are the dated parameters ``wage_subsidy``, ``start_up_grant`` and ``work_trial``
(kuntakokeilu/rules/parameters). Each ``*_terms`` function checks a decision against them and
returns its ``Terms``; a decision that breaks a rule raises ``ValidationError`` keyed by the form
field at fault, with a message that says what the rule allows.

Counting: a period runs from its first to its last day, both inclusive. Its length in months is
the whole calendar months from the first day (``add_months``: same day of the month, clamped to
the month's end) plus the remaining days as a share of the next month, to two decimals
(1.3.–31.8. = 6.00; 1.3.–15.4. = 1.50). Paid days are Monday to Friday ("5 days a week").
Amounts are rounded half up to the cent.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kuntakokeilu.rules.deadlines import add_months
from kuntakokeilu.rules.parameters import ParameterError, parameters

CENT = Decimal("0.01")
ONE_DAY = dt.timedelta(days=1)

#: The wage subsidy kinds of every rule version, by their identifiers in wage_subsidy.yaml.
SUBSIDY_KIND_LABELS = {
    "skills": gettext_lazy("lack of vocational skills (30 %)"),
    "long_unemployed": gettext_lazy("unemployed 12 of the last 14 months (40 %)"),
    "very_long_unemployed": gettext_lazy("unemployed 24 of the last 28 months (50 %)"),
    "standard": gettext_lazy("standard (50 %)"),
    "reduced_work_capacity": gettext_lazy("reduced work capacity (70 %)"),
    "aged_55_plus": gettext_lazy("aged 55 or over and long unemployed (70 %)"),
    "association": gettext_lazy("association or foundation employer (100 %)"),
}


@dataclass(frozen=True)
class Terms:
    """The computed part of a decision: what the model stores beside the case worker's input."""

    total_eur: Decimal = Decimal(0)
    quota_service: str = ""
    places: int = 0
    percent: int | None = None
    monthly_cap: Decimal | None = None
    monthly_amount: Decimal | None = None
    daily_amount: Decimal | None = None
    days: int | None = None
    months: Decimal | None = None
    rules_from: dt.date | None = None

    def as_fields(self) -> dict:
        return asdict(self)


def cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def finnish_date(day: dt.date) -> str:
    return date_format(day, "j.n.Y")


def period_months(starts_on: dt.date, ends_on: dt.date) -> Decimal:
    """The length of a period (both days inclusive) in months, to two decimals."""
    after = ends_on + ONE_DAY
    whole = 0
    while add_months(starts_on, whole + 1) <= after:
        whole += 1
    month_start = add_months(starts_on, whole)
    month_days = (add_months(starts_on, whole + 1) - month_start).days
    return cents(whole + Decimal((after - month_start).days) / month_days)


def weekdays(starts_on: dt.date, ends_on: dt.date) -> int:
    """Mondays to Fridays from ``starts_on`` to ``ends_on``, both inclusive."""
    days = (ends_on - starts_on).days + 1
    weeks, rest = divmod(days, 7)
    extra = sum(1 for i in range(rest) if (starts_on + dt.timedelta(days=i)).weekday() < 5)
    return weeks * 5 + extra


def no_longer_than(starts_on: dt.date, ends_on: dt.date, months: int) -> bool:
    return ends_on + ONE_DAY <= add_months(starts_on, months)


def rule(name: str, on: dt.date):
    """The dated parameter ``name`` in force on ``on``; no value then is an error on the date."""
    try:
        return parameters()[name].in_force(on)
    except ParameterError:
        raise ValidationError(
            {"decided_on": _("No rules are known for %(day)s.") % {"day": finnish_date(on)}}
        ) from None


# -- wage subsidy -----------------------------------------------------------------------------
def subsidy_kinds_in_force(on: dt.date) -> dict[str, dict]:
    return rule("wage_subsidy", on).value["kinds"]


def wage_subsidy_terms(
    *,
    subsidy_kind: str,
    monthly_pay_cost: Decimal,
    decided_on: dt.date,
    starts_on: dt.date,
    ends_on: dt.date,
) -> Terms:
    """Monthly subsidy = min(percent x pay cost, cap); the total over the period's months."""
    version = rule("wage_subsidy", decided_on)
    kind = _subsidy_kind(version.value["kinds"], subsidy_kind, decided_on)
    if not no_longer_than(starts_on, ends_on, kind["max_months"]):
        raise ValidationError({"ends_on": _too_long(kind["max_months"])})
    cap = Decimal(kind["monthly_cap_eur"])
    monthly = cents(min(Decimal(kind["percent"]) * monthly_pay_cost / 100, cap))
    months = period_months(starts_on, ends_on)
    return Terms(
        total_eur=cents(monthly * months),
        quota_service="wage_subsidy",
        places=1,
        percent=kind["percent"],
        monthly_cap=cap,
        monthly_amount=monthly,
        months=months,
        rules_from=version.valid_from,
    )


def _subsidy_kind(kinds: dict[str, dict], subsidy_kind: str, on: dt.date) -> dict:
    if subsidy_kind in kinds:
        return kinds[subsidy_kind]
    in_force = ", ".join(str(SUBSIDY_KIND_LABELS.get(k, k)) for k in kinds)
    message = _("This kind of wage subsidy is not granted on %(day)s. In force then: %(kinds)s.")
    raise ValidationError({"subsidy_kind": message % {"day": finnish_date(on), "kinds": in_force}})


def _too_long(months: int) -> str:
    return _("The period may last at most %(months)s months under the rules in force.") % {
        "months": months
    }


# -- start-up grant ---------------------------------------------------------------------------
def start_up_grant_terms(
    *, decided_on: dt.date, starts_on: dt.date, ends_on: dt.date, earlier_months: Decimal
) -> Terms:
    """Daily amount x paid days (5 a week); one period at most ``period_months``, all the
    client's periods together at most ``max_months``."""
    version = rule("start_up_grant", decided_on)
    terms = version.value
    if not no_longer_than(starts_on, ends_on, terms["period_months"]):
        raise ValidationError({"ends_on": _too_long(terms["period_months"])})
    months = period_months(starts_on, ends_on)
    _within_total(earlier_months + months, terms["max_months"])
    daily = Decimal(str(terms["daily_eur"]))
    days = weekdays(starts_on, ends_on)
    return Terms(
        total_eur=cents(daily * days),
        quota_service="start_up_grant",
        places=1,
        daily_amount=daily,
        days=days,
        months=months,
        rules_from=version.valid_from,
    )


def _within_total(months: Decimal, limit: int) -> None:
    if months > limit:
        message = _(
            "Together with the client's earlier decisions this makes %(months)s months; "
            "at most %(limit)s months are allowed."
        )
        raise ValidationError({"ends_on": message % {"months": months, "limit": limit}})


# -- work trial -------------------------------------------------------------------------------
def work_trial_terms(
    *,
    decided_on: dt.date,
    starts_on: dt.date,
    ends_on: dt.date,
    months_with_organiser: Decimal,
    months_in_all: Decimal,
) -> Terms:
    """1 to ``max_months_per_organiser`` months with one organiser, ``max_months_total`` in
    all; the expense allowance per paid day (no quota)."""
    version = rule("work_trial", decided_on)
    terms = version.value
    months = period_months(starts_on, ends_on)
    if months < terms["min_months"]:
        message = _("A work trial lasts at least %(months)s month.") % {
            "months": terms["min_months"]
        }
        raise ValidationError({"ends_on": message})
    _within_total(months_with_organiser + months, terms["max_months_per_organiser"])
    _within_total(months_in_all + months, terms["max_months_total"])
    daily = Decimal(str(terms["expense_allowance_eur_day"]))
    days = weekdays(starts_on, ends_on)
    return Terms(
        total_eur=cents(daily * days),
        daily_amount=daily,
        days=days,
        months=months,
        rules_from=version.valid_from,
    )


# -- training, coaching, career guidance ------------------------------------------------------
def training_terms(*, cost_eur: Decimal, starts_on: dt.date, ends_on: dt.date) -> Terms:
    """Labour market training and coaching: the cost and one place from the training quota."""
    return Terms(
        total_eur=cents(cost_eur),
        quota_service="training",
        places=1,
        months=period_months(starts_on, ends_on),
    )


def guidance_terms(*, starts_on: dt.date, ends_on: dt.date) -> Terms:
    return Terms(months=period_months(starts_on, ends_on))
