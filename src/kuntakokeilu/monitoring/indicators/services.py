"""Indicator 03: activation rate and service starts."""

from __future__ import annotations

import polars as pl

from kuntakokeilu.events.schema import SERVICES
from kuntakokeilu.monitoring.indicators.base import (
    COUNT,
    SHARE,
    Indicator,
    Measure,
    Sources,
    by_municipality_and_month,
    count,
    long_parts,
    register,
)
from kuntakokeilu.monitoring.panel import UNEMPLOYED


def _in_a_service() -> pl.Expr:
    return (pl.col("state") == "in_service") | (pl.col("services_active") > 0)


def _activation(sources: Sources) -> pl.LazyFrame:
    registered = sources.monitored().filter(pl.col("registered"))
    active = _in_a_service()
    idle = pl.col("state").is_in(UNEMPLOYED) & ~active
    wide = by_municipality_and_month(
        registered,
        count(active).alias("active"),
        count(active | idle).alias("active_or_unemployed"),
    )
    return long_parts(
        "03",
        wide,
        {
            "in_services": ("active", None, "active"),
            "activation_rate": ("active", "active_or_unemployed", "active_or_unemployed"),
        },
    )


def _starts(sources: Sources) -> pl.LazyFrame:
    started = sources.client_events(("service_started",)).filter(
        pl.col("target_group").fill_null(False)
    )
    wide = by_municipality_and_month(
        started,
        pl.len().alias("starts"),
        pl.col("client_key").n_unique().alias("starters"),
        *[count(pl.col("subtype") == service).alias(service) for service in SERVICES],
        *[
            pl.col("client_key")
            .filter(pl.col("subtype") == service)
            .n_unique()
            .alias(f"{service}_starters")
            for service in SERVICES
        ],
    )
    return long_parts(
        "03",
        wide,
        {
            "service_starts": ("starts", None, "starters"),
            **{
                f"service_starts_{service}": (service, None, f"{service}_starters")
                for service in SERVICES
            },
        },
    )


def activation(sources: Sources) -> pl.LazyFrame:
    return pl.concat([_activation(sources), _starts(sources)])


ACTIVATION = register(
    Indicator(
        number="03",
        name="Activation rate and service starts",
        objective="aktiveringsgrad och inledande av service",
        grain="calendar month × home municipality at the month's end",
        filters="monitored group; registered at the month's end (the activation rate)",
        source_events=(
            "registered",
            "state_changed",
            "deregistered",
            "service_started",
            "service_ended",
        ),
        measures=(
            Measure(
                "in_services",
                COUNT,
                "people",
                "registered monitored people in a service at the month's end (state in_service, "
                "or a service started and not yet ended)",
                persons="the same people",
            ),
            Measure(
                "activation_rate",
                SHARE,
                "share",
                "registered monitored people in a service at the month's end",
                "the same plus registered monitored people unemployed (or laid off) and in no "
                "service at the month's end",
                persons="the denominator's people",
                range=(0.0, 1.0),
            ),
            Measure(
                "service_starts",
                COUNT,
                "services",
                "service_started events of monitored people in the month",
                persons="people who started a service",
            ),
            *[
                Measure(
                    f"service_starts_{service}",
                    COUNT,
                    "services",
                    f"service_started events of the service {service} in the month",
                    persons=f"people who started {service}",
                )
                for service in SERVICES
            ],
        ),
        parts=activation,
    )
)
