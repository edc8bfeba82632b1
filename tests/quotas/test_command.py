"""kuntakokeilu size-quotas: sizes every experiment area and prints places and euros."""

import io

import pytest
from django.core.management import CommandError, call_command

from kuntakokeilu.quotas.models import Quota
from tests.quotas.conftest import make_clients

pytestmark = pytest.mark.django_db


def size(*args: str) -> str:
    out = io.StringIO()
    call_command("size_quotas", *args, stdout=out)
    return out.getvalue()


def test_the_command_sizes_every_area_and_prints_finnish_figures(helsinki):
    make_clients(helsinki, 1200)
    printed = size("--from", "2021-03-01", "--to", "2021-12-31")
    assert Quota.objects.count() == 25 * 3
    assert "1.3.2021–31.12.2021 (10 months)" in printed
    helsinki_wage_subsidy = next(
        line
        for line in printed.splitlines()
        if line.startswith("Helsinki ") and "wage_subsidy" in line
    )
    assert "1\xa0200" in helsinki_wage_subsidy
    assert "540\xa0000,00\xa0€" in helsinki_wage_subsidy
    assert helsinki_wage_subsidy.endswith("created")


def test_running_the_command_again_changes_nothing(helsinki):
    make_clients(helsinki, 1200)
    size("--from", "2021-03-01", "--to", "2021-12-31")
    printed = size("--from", "2021-03-01", "--to", "2021-12-31", "--on", "2021-03-01")
    assert printed.rstrip().endswith("75 unchanged")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "1.3.2021", "--to", "2021-12-31"], "--from '1.3.2021' is not a date"),
        (["--from", "2021-03-01", "--to", "2022-03-01"], "at most a year"),
        (["--from", "2021-03-01", "--to", "2021-02-01"], "ends"),
    ],
)
def test_a_bad_period_is_a_clear_error(reference, args, message):
    with pytest.raises(CommandError, match=message):
        size(*args)
    assert Quota.objects.count() == 0
