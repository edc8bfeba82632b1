"""Every rate, share and duration the event simulator draws from, with where it comes from.

Each constant is marked **source** (a statistic, an act, a design document) or **assumed** (a
plausible value chosen for the simulator; replace it when a better figure is at hand), and the
few that were tuned by running the simulator are marked **calibrated** with what they were tuned
to. Legal values that change by date are not here but in the dated parameters
(``rules/parameters``: ``service_process``, ``labour_market_subsidy_financing``,
``unemployment_benefit``, ``wage_subsidy``, ``start_up_grant``, ``work_trial``,
``staff_clients_per_worker``, ``experiment_period`` ...). Rates are monthly probabilities unless
the name says otherwise. ``docs/simulator.md`` explains the model these numbers drive.
"""

from __future__ import annotations

import datetime as dt

# -- who is on the register ------------------------------------------------------------------

#: From this day the municipalities (employment areas) are responsible for everyone's public
#: employment services (source: Acts 380/2023 and 383/2023, in force 1.1.2025; DOMAIN.md §1).
REFORM_DAY = dt.date(2025, 1, 1)

#: People who have been job seekers before and may register again, per person on the register
#: at the start (assumed: about three years of past leavers, less those who left for good). They
#: start the run off the register, having left it on a day drawn over ``FORMER_LEFT_WITHIN_DAYS``.
FORMER_PER_REGISTERED = 2.5
FORMER_LEFT_WITHIN_DAYS = 3 * 365
#: Where the former job seekers went when they left (assumed, after the destinations of the
#: simulated exits).
FORMER_DESTINATIONS = {
    "employed": 0.55,
    "education": 0.10,
    "outside_labour_force": 0.10,
    "unknown": 0.25,
}
#: New job seekers never seen before, a month, per person on the register at the start of the
#: run in the same municipality (calibrated: with the re-registrations below it keeps the national
#: register within a few per cent of its starting size over 2020-2024 at effect 0).
NEW_JOB_SEEKERS_PER_REGISTERED = 0.045
#: Seasonal weight of registrations by calendar month (assumed, after the usual pattern of the
#: TEM employment bulletin: many at the turn of the year and when school ends in June; the
#: weights average 1).
REGISTRATION_SEASON = {
    1: 1.20,
    2: 0.95,
    3: 0.90,
    4: 0.90,
    5: 0.95,
    6: 1.30,
    7: 1.00,
    8: 1.00,
    9: 0.90,
    10: 0.95,
    11: 0.95,
    12: 1.00,
}
#: The state a job search starts in (assumed).
REGISTRATION_STATES = {
    "unemployed": 0.67,
    "laid_off": 0.15,
    "employed": 0.11,
    "short_week": 0.015,
    "other": 0.055,
}
#: Age of new job seekers: bands [from, to) and weights (assumed: younger than the register as a
#: whole, whose ages ``register.synthetic`` draws).
NEW_JOB_SEEKER_AGES = (
    (17, 20, 8.0),
    (20, 25, 20.0),
    (25, 30, 15.0),
    (30, 40, 22.0),
    (40, 50, 17.0),
    (50, 60, 14.0),
    (60, 65, 4.0),
)
#: Registering again, a month, by where the person went when they left (assumed) ...
REREGISTRATION = {
    "employed": 0.012,
    "education": 0.008,
    "outside_labour_force": 0.006,
    "unknown": 0.022,
}
#: ... times this factor by months since leaving [from, to) (assumed: returns come soon or
#: not at all).
REREGISTRATION_BY_MONTHS_AWAY = ((0, 6, 1.6), (6, 24, 1.0), (24, 10_000, 0.5))
#: Former job seekers who leave for good (move abroad, die, retire), a month (assumed); and at
#: this age everyone off the register leaves for good (source: the oldest age of the register).
LEAVES_FOR_GOOD = 0.01
LEAVES_FOR_GOOD_AGE = 65
#: A person who had worked at least this long before registering again has a new work
#: requirement: earnings-related entitlement is drawn again and the financing counter starts
#: over (source: Act 1290/2002 ch. 5 §3, about 6 months of work until 1.9.2024; the counter
#: reset is assumed).
NEW_WORK_REQUIREMENT_DAYS = 183

# -- leaving the register --------------------------------------------------------------------

#: Leaving the register for work, a month, for the unemployed by months unemployed [from, ...)
#: (assumed, set so that about a quarter to a third of the unemployed are long-term unemployed,
#: as in 2019-2021 and in ``register.synthetic``).
WORK_BY_MONTHS_UNEMPLOYED = ((0, 0.12), (3, 0.085), (6, 0.06), (12, 0.05), (24, 0.035))
#: Leaving for work, a month, in the other register statuses (assumed; the laid off mostly return
#: to their employer within a few months).
WORK_BY_STATUS = {
    "laid_off": 0.30,
    "short_week": 0.07,
    "employed": 0.02,
    "other": 0.005,
    "in_services": 0.03,
    "in_training": 0.025,
    "subsidised_employment": 0.02,
}
#: Factors on leaving for work (assumed).
WORK_BY_AGE = ((17, 25, 1.15), (25, 55, 1.0), (55, 60, 0.6), (60, 200, 0.35))
WORK_BY_SEGMENT = {
    "job_placement": 1.3,
    "competence_development": 1.0,
    "supported_employment": 0.45,
}
WORK_IMMIGRANT = 0.8
#: Leaving for work by calendar month (assumed: spring and August hiring, July and December
#: slow; the weights average 1).
WORK_SEASON = {
    1: 0.90,
    2: 0.95,
    3: 1.05,
    4: 1.15,
    5: 1.20,
    6: 1.00,
    7: 0.70,
    8: 1.15,
    9: 1.10,
    10: 1.00,
    11: 0.95,
    12: 0.85,
}
#: In the months after a service ends, leaving for work is this many times as likely (assumed:
#: some wage-subsidised employees are kept on, training opens jobs).
AFTER_SERVICE = {
    "wage_subsidy": 2.0,
    "start_up_grant": 1.5,
    "labour_market_training": 1.5,
    "work_trial": 1.3,
    "coaching": 1.2,
    "career_guidance": 1.1,
    "rehabilitation": 1.0,
    "self_motivated_study": 1.4,
}
AFTER_SERVICE_MONTHS = 2
#: No monthly probability of leaving for work goes above this, whatever the effect (a guard).
MOST_LIKELY_WORK = 0.95
#: Leaving for other destinations, a month, by register status (assumed).
OTHER_EXITS = {
    "unemployed": {"education": 0.007, "outside_labour_force": 0.006, "unknown": 0.018},
    "laid_off": {"education": 0.002, "outside_labour_force": 0.003, "unknown": 0.010},
    "short_week": {"education": 0.003, "outside_labour_force": 0.003, "unknown": 0.020},
    "employed": {"education": 0.002, "outside_labour_force": 0.001, "unknown": 0.012},
    "other": {"education": 0.004, "outside_labour_force": 0.015, "unknown": 0.015},
    "in_services": {"education": 0.008, "outside_labour_force": 0.004, "unknown": 0.006},
    "in_training": {"education": 0.010, "outside_labour_force": 0.003, "unknown": 0.005},
    "subsidised_employment": {
        "education": 0.002,
        "outside_labour_force": 0.002,
        "unknown": 0.004,
    },
}
#: Education is this many times as likely under 25 (assumed).
EDUCATION_UNDER_25 = 3.0
#: Leaving the labour force: this many times as likely from 60, and from 64 this monthly
#: probability (old-age pension; source for the ages: the register's 17-66 range; rates assumed).
OUTSIDE_LABOUR_FORCE_FROM_60 = 2.5
PENSION_AGE = 64
PENSION = 0.30

# -- changes of state while registered --------------------------------------------------------

#: Starting a service, a month, for the unemployed by service-need segment (assumed, so that
#: about a third of the unemployed + those in services are in services, the activation rate of
#: 2019-2021).
SERVICE_START = {
    "job_placement": 0.06,
    "competence_development": 0.14,
    "supported_employment": 0.12,
}
#: The same for the part-time unemployed and the laid off (assumed).
SERVICE_START_SHORT_WEEK = 0.3
SERVICE_START_LAID_OFF = 0.01
#: Which service, by segment: relative weights (assumed).
SERVICE_MIX = {
    "job_placement": {
        "coaching": 30,
        "career_guidance": 15,
        "wage_subsidy": 20,
        "labour_market_training": 20,
        "start_up_grant": 5,
        "self_motivated_study": 10,
    },
    "competence_development": {
        "labour_market_training": 40,
        "self_motivated_study": 25,
        "coaching": 15,
        "career_guidance": 10,
        "work_trial": 5,
        "wage_subsidy": 5,
    },
    "supported_employment": {
        "rehabilitation": 30,
        "work_trial": 25,
        "wage_subsidy": 20,
        "coaching": 15,
        "career_guidance": 10,
    },
}
#: Service durations in months: (median, sigma of the lognormal, longest) (assumed; the longest
#: follow the dated parameters where there is one: work trial 6 months with one organiser, start-
#: up grant periods of 6 months, wage subsidy 10-12 months as a rule).
SERVICE_MONTHS = {
    "wage_subsidy": (6.0, 0.4, 12.0),
    "start_up_grant": (6.0, 0.0, 6.0),
    "labour_market_training": (4.0, 0.5, 12.0),
    "coaching": (2.0, 0.4, 6.0),
    "work_trial": (3.0, 0.4, 6.0),
    "career_guidance": (1.0, 0.3, 3.0),
    "rehabilitation": (5.0, 0.5, 12.0),
    "self_motivated_study": (9.0, 0.4, 24.0),
}
#: The register status a service puts a person in (source: REGISTER.md status codes 00, 07, 08).
SERVICE_STATUS = {
    "wage_subsidy": "subsidised_employment",
    "start_up_grant": "subsidised_employment",
    "labour_market_training": "in_training",
    "self_motivated_study": "in_training",
    "coaching": "in_services",
    "work_trial": "in_services",
    "career_guidance": "in_services",
    "rehabilitation": "in_services",
}
#: Monthly pay of a wage-subsidised job, for the decided subsidy (assumed).
WAGE_SUBSIDY_PAY_EUR = 2300.0
#: Other changes of state, a month (assumed).
UNEMPLOYED_TO_SHORT_WEEK = 0.015
SHORT_WEEK_TO_UNEMPLOYED = 0.06
LAID_OFF_TO_UNEMPLOYED = 0.03

# -- service-need segments --------------------------------------------------------------------

#: Segments of people whose unemployment (or job search) has lasted under a year, and of the
#: others (assumed; over the register they come near the ``service_need_segments`` parameter's
#: 35/30/35, measured in docs/simulator.md).
SEGMENTS_SHORT = {
    "job_placement": 0.45,
    "competence_development": 0.33,
    "supported_employment": 0.22,
}
SEGMENTS_LONG = {
    "job_placement": 0.15,
    "competence_development": 0.30,
    "supported_employment": 0.55,
}
LONG_TERM_DAYS = 365

# -- the service process (dates from rules.deadlines) -------------------------------------------

#: What happens to an interview or discussion when it falls due (assumed: most held on time, a
#: tail late, some never held; the monitoring of the experiments reported deadlines mostly kept).
INTERVIEW_ON_TIME = 0.72
INTERVIEW_LATE = 0.20  # the rest (0.08) are missed
#: An on-time interview is held on one of the days up to this many before its due day (assumed).
ON_TIME_WINDOW_DAYS = 10
#: How late a late interview is: 1 + exponential days with this mean, at most the longest
#: (assumed).
LATE_MEAN_DAYS = 12.0
LATE_LONGEST_DAYS = 120
#: A missed initial interview is held at last this many days after its due day + exponential
#: days with the mean (assumed); a missed follow-up is never held, and the next one is counted
#: from the day it was due.
MISSED_INITIAL_DAYS = 30
MISSED_INITIAL_MEAN_DAYS = 30.0
#: Interviews held in a month, at most (a guard: the 14-day rhythm gives two or three).
ROUNDS_A_MONTH = 4
#: The plan made in the initial interview (same day), by regime; otherwise 1 + exponential days
#: later (assumed: the Nordic model makes the plan in the initial interview, DOMAIN.md §3).
PLAN_SAME_DAY = {"interview_every_3_months": 0.50, "nordic_model": 0.85}
PLAN_LATER_MEAN_DAYS = 10.0
#: Immigrants whose first plan is an integration plan (assumed: within 3 years of the first
#: permit, DOMAIN.md §3).
INTEGRATION_PLAN = 0.35
#: A plan is revised at a later discussion (assumed).
PLAN_REVISED = 0.25
#: A multisectoral (TYP) plan when the financing counter passes 300 days, and an activation plan
#: for the under-25s when it passes 180 (source for the thresholds: DOMAIN.md §3; shares assumed).
MULTISECTORAL_DAYS, MULTISECTORAL = 300, 0.5
ACTIVATION_DAYS, ACTIVATION_AGE, ACTIVATION = 180, 25, 0.8
#: The service-needs assessment asks for work ability (0-10) this often (assumed).
ASSESSMENT_ASKS_WORK_ABILITY = 0.6
#: The work-ability self-assessment (indicator 8) is filled in at the initial interview and at a
#: later discussion this often (assumed).
WORK_ABILITY_AT_INITIAL = 0.35
WORK_ABILITY_AT_FOLLOW_UP = 0.08
#: Self-assessed work ability by segment: (mean, standard deviation), rounded and held in 0-10
#: (assumed).
WORK_ABILITY = {
    "job_placement": (8.0, 1.3),
    "competence_development": (7.0, 1.6),
    "supported_employment": (5.0, 2.0),
}
#: Customer satisfaction: share of interviews followed by an answer, and the answers 1-5
#: (assumed: a short survey after the visit, most answers good).
SATISFACTION_ANSWERED = 0.08
SATISFACTION_SCORES = {1: 5, 2: 8, 3: 17, 4: 35, 5: 35}
SATISFACTION_LATEST_DAYS = 14

# -- job offers and reports ----------------------------------------------------------------------

#: Job offers to the unemployed and part-time unemployed, a month, by regime (assumed: the
#: Nordic model made offers systematic).
OFFERS = {"interview_every_3_months": 0.05, "nordic_model": 0.12}
NORDIC_MODEL_FROM = dt.date(2022, 5, 2)  # source: Act 1379/2021 (rules.deadlines' regime)
#: What comes of an offer that does not lead to a job (assumed).
OFFER_OUTCOMES = {"applied": 0.72, "refused": 0.08, "no_answer": 0.20}
#: Answered this many days after the offer, uniformly (assumed).
OFFER_ANSWER_DAYS = (3, 14)
#: Leavers for work whose job came through an offer (assumed).
HIRED_THROUGH_OFFER = 0.12
#: Reports to the TE office for a labour-policy statement (municipality's clients until the
#: reform): share of refused and unanswered binding offers and of missed interviews reported,
#: and a monthly share of clients reported for neglecting the plan (assumed).
REPORT_REFUSED = 0.9
REPORT_NO_ANSWER = 0.8
REPORT_MISSED_INTERVIEW = 0.5
REPORT_PLAN_NEGLECTED = 0.003
REPORT_AFTER_DAYS = (1, 10)

# -- benefits ------------------------------------------------------------------------------------

#: Share of a weekday paid, by register status: the part-time unemployed get an adjusted
#: benefit, about half a day (assumed); in wage-subsidised work or on a start-up grant nothing
#: (source: Act 1290/2002: no unemployment benefit for full-time work or entrepreneurship).
PAID_SHARE = {
    "unemployed": 1.0,
    "laid_off": 1.0,
    "short_week": 0.5,
    "in_services": 1.0,
    "in_training": 1.0,
    "subsidised_employment": 0.0,
    "employed": 0.0,
    "other": 0.0,
}
#: Statuses whose days are "paid on the basis of unemployment" for the financing counter until
#: 2024 (source: Act 1290/2002 ch. 14 §3a: time in services does not count).
ON_UNEMPLOYMENT = ("unemployed", "laid_off", "short_week")
#: Job seekers paid some unemployment benefit when unemployed (assumed: the rest have none, e.g.
#: a waiting period, a means test, no application).
RECEIVES_BENEFIT = 0.88
#: Of those not entitled to earnings-related allowance, the share with basic allowance (a work
#: requirement, not a fund member) (assumed, after Kela's recipient counts).
BASIC_ALLOWANCE = 0.08
#: The earnings-related daily allowance: lognormal median and sigma, euros (assumed, after the
#: funds' average daily allowance of about 70-75 euros).
EARNINGS_RELATED_DAILY_MEDIAN = 70.0
EARNINGS_RELATED_DAILY_SIGMA = 0.3
#: From this age an entitled person keeps earnings-related allowance after the maximum (the
#: "extra days"; source: ``register.synthetic``'s simplification of Act 1290/2002 6:9).
EXTRA_DAYS_AGE = 61
#: Entitlement to earnings-related allowance when a new job seeker registers, by age [from, to)
#: (source: ``register.synthetic``'s calibrated shares; laid off 80 %; immigrants half as often).
EARNINGS_RELATED_BY_AGE = ((17, 25, 0.25), (25, 30, 0.50), (30, 55, 0.60), (55, 200, 0.66))
EARNINGS_RELATED_LAID_OFF = 0.80
EARNINGS_RELATED_IMMIGRANT = 0.5
#: Until 2024 only labour market subsidy days paid while unemployed count; for the register at
#: the start the counter is the weekdays of the current unemployment spell (assumed: the whole
#: spell on labour market subsidy) and half the weekdays of the job search for those in services.
COUNTER_SHARE_IN_SERVICES = 0.5

# -- referral -------------------------------------------------------------------------------------

#: Days from the change that brings a person into (or out of) the target group to the referral
#: (or return), uniformly (source: Act 1269/2020 §5, within 7 days).
REFERRAL_DAYS = (0, 7)

# -- staff wellbeing ---------------------------------------------------------------------------

#: Months of the year with a staff-wellbeing survey (assumed: quarterly).
STAFF_SURVEY_MONTHS = (3, 6, 9, 12)
STAFF_ANSWERED = 0.6
STAFF_SCORES = {1: 4, 2: 11, 3: 30, 4: 38, 5: 17}
