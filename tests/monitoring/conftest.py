import datetime as dt

import pytest

from kuntakokeilu.monitoring.compute import compute_directory
from tests.monitoring.synthetic import write_synthetic


@pytest.fixture(scope="session")
def synthetic_directory(tmp_path_factory):
    """A small event directory: 4 000 people over 15 months from March 2020."""
    return write_synthetic(
        tmp_path_factory.mktemp("events") / "events", 4000, 15, start=dt.date(2020, 3, 1)
    )


@pytest.fixture(scope="session")
def synthetic_results(synthetic_directory):
    return compute_directory(synthetic_directory)
