"""Reference data as stored for the web app. The files in kuntakokeilu/reference/data are the
source; ``kuntakokeilu load-reference`` keeps these tables equal to them (idempotently)."""

from __future__ import annotations

import datetime as dt

from django.db import models


class DivisionQuerySet(models.QuerySet):
    def in_force_on(self, on: dt.date) -> models.QuerySet:
        """Rows of the municipal division in force on ``on`` (the latest division start <= on)."""
        start = (
            type(self)(self.model, using=self._db)
            .filter(division__lte=on)
            .aggregate(models.Max("division"))["division__max"]
        )
        return self.filter(division=start)


class Municipality(models.Model):
    """A municipality as it stood in one municipal division (in force from ``division``)."""

    division = models.DateField(help_text="First day of the municipal division this row belongs to")
    code = models.CharField(max_length=3)
    name_fi = models.CharField(max_length=100)
    name_sv = models.CharField(max_length=100)
    name_en = models.CharField(max_length=100)
    region_code = models.CharField(max_length=2)
    region_name_fi = models.CharField(max_length=100)
    region_name_sv = models.CharField(max_length=100)
    region_name_en = models.CharField(max_length=100)
    subregion_code = models.CharField(max_length=3)
    ely_code = models.CharField(max_length=2)
    te_office_fi = models.CharField(max_length=100, blank=True)
    language_status = models.CharField(max_length=30)
    municipality_group = models.CharField(max_length=1)

    objects = DivisionQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["division", "code"], name="municipality_once_per_division"
            )
        ]
        ordering = ["division", "code"]

    def __str__(self) -> str:
        return f"{self.name_fi} ({self.code})"


class ElyCentre(models.Model):
    """An ELY centre (and the TE office of the same area) in one municipal division."""

    division = models.DateField()
    code = models.CharField(max_length=2)
    name_fi = models.CharField(max_length=100)
    name_sv = models.CharField(max_length=100)
    name_en = models.CharField(max_length=100)
    te_office_fi = models.CharField(max_length=100, blank=True)

    objects = DivisionQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["division", "code"], name="ely_once_per_division")
        ]
        ordering = ["division", "code"]

    def __str__(self) -> str:
        return self.name_fi


class Population(models.Model):
    """Resident population on 31 December of ``year``, on the division starting ``division``."""

    division = models.DateField()
    code = models.CharField(max_length=3)
    year = models.PositiveSmallIntegerField()
    population = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["division", "code", "year"], name="population_once")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.year}: {self.population}"


class JobseekerMonth(models.Model):
    """Unemployed job seekers at the end of a month (TEM employment service statistics)."""

    code = models.CharField(max_length=3)
    month = models.DateField(help_text="First day of the month")
    unemployed_jobseekers = models.PositiveIntegerField(null=True)
    labour_force = models.PositiveIntegerField(null=True)
    open_vacancies = models.PositiveIntegerField(null=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["code", "month"], name="jobseekers_once")]

    def __str__(self) -> str:
        return f"{self.code} {self.month:%Y-%m}: {self.unemployed_jobseekers}"


class Area(models.Model):
    """An experiment area (2021-2024) or an employment area (from 2025)."""

    class Kind(models.TextChoices):
        EXPERIMENT_AREA = "experiment_area", "experiment area"
        EMPLOYMENT_AREA = "employment_area", "employment area"

    area_id = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class MembershipQuerySet(models.QuerySet):
    def valid_on(self, on: dt.date) -> models.QuerySet:
        return self.filter(valid_from__lte=on, valid_to__gte=on)


class AreaMembership(models.Model):
    """A municipality's membership of an area, valid from and to a day (both inclusive)."""

    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="memberships")
    municipality_code = models.CharField(max_length=3)
    valid_from = models.DateField()
    valid_to = models.DateField()
    round = models.CharField(max_length=30)
    source = models.TextField()

    objects = MembershipQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["area", "municipality_code", "valid_from"], name="membership_once"
            ),
            models.CheckConstraint(
                condition=models.Q(valid_to__gte=models.F("valid_from")),
                name="membership_ends_after_it_starts",
            ),
        ]
        ordering = ["area", "municipality_code"]

    def __str__(self) -> str:
        return f"{self.municipality_code} in {self.area_id} {self.valid_from}–{self.valid_to}"
