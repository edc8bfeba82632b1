"""Loading the reference data into the database is complete and idempotent."""

import datetime as dt
import io
import shutil

import pytest
from django.core.management import call_command

from kuntakokeilu.applications.models import Application
from kuntakokeilu.areas.loading import load_reference
from kuntakokeilu.areas.models import AreaMembership, JobseekerMonth, Municipality
from kuntakokeilu.areas.sync import SyncCounts
from kuntakokeilu.reference import ReferenceData
from kuntakokeilu.reference.data import DATA_DIR

pytestmark = pytest.mark.django_db


def test_loading_stores_both_divisions_the_areas_and_the_applications():
    call_command("load_reference", stdout=io.StringIO())
    assert Municipality.objects.filter(division=dt.date(2020, 1, 1)).count() == 310
    assert Municipality.objects.filter(division=dt.date(2021, 1, 1)).count() == 309
    assert AreaMembership.objects.valid_on(dt.date(2021, 3, 1)).count() == 118
    assert Application.objects.get(application_id="S07").adds_to == "pori"


def test_loading_twice_changes_nothing_the_second_time():
    ref = ReferenceData()
    load_reference(ref)
    second = load_reference(ref)
    assert all(c.created == c.updated == c.deleted == 0 for c in second.values())
    assert second["municipalities"] == SyncCounts(unchanged=619)


def test_a_corrected_source_file_updates_and_removes_rows(tmp_path):
    load_reference(ReferenceData())
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    areas = data / "experiment_areas.csv"
    lines = areas.read_text(encoding="utf-8").splitlines(keepends=True)
    areas.write_text("".join(lines[:-1]), encoding="utf-8")  # drop the last membership
    counts = load_reference(ReferenceData(data))
    assert counts["area memberships"] == SyncCounts(deleted=1, unchanged=117)


def test_municipalities_in_force_on_a_date_come_from_that_division():
    load_reference(ReferenceData())
    on_2020 = Municipality.objects.in_force_on(dt.date(2020, 12, 31))
    on_2021 = Municipality.objects.in_force_on(dt.date(2021, 1, 1))
    assert on_2020.get(code="090").ely_code == "07"
    assert on_2021.get(code="090").ely_code == "09"
    assert not on_2021.filter(code="099").exists()


@pytest.mark.postgres
def test_reference_data_loads_into_a_real_postgresql_server():
    from django.db import connection

    assert connection.vendor == "postgresql"
    load_reference(ReferenceData())
    assert JobseekerMonth.objects.count() == 10_540
    assert load_reference(ReferenceData())["job-seeker months"] == SyncCounts(unchanged=10_540)
