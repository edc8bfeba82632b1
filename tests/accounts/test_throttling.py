"""Brute-force throttling: failures per username and per address lock further attempts for the
window, the right password included; the lock ends when the window has passed."""

import datetime as dt

import pytest
from django.utils import timezone, translation
from django.utils.formats import time_format

from kuntakokeilu.accounts.models import LoginAttempt
from tests.accounts.conftest import PASSWORD, sign_in, signed_in

pytestmark = pytest.mark.django_db


def fail(client, username: str, times: int, address: str = "192.0.2.10") -> None:
    for _ in range(times):
        assert not signed_in(sign_in(client, username, "wrong-password", address))


def move_failures_back(minutes: int) -> None:
    """The clock moved on: every failure happened ``minutes`` earlier."""
    for attempt in LoginAttempt.objects.all():
        LoginAttempt.objects.filter(pk=attempt.pk).update(
            at=attempt.at - dt.timedelta(minutes=minutes)
        )


def test_failures_are_stored_per_username_and_address(client, case_worker):
    fail(client, "Aino", 2, address="192.0.2.7")
    assert list(LoginAttempt.objects.values_list("username", "address")) == [
        ("aino", "192.0.2.7"),
        ("aino", "192.0.2.7"),
    ]


def test_four_failures_do_not_lock_the_username(client, case_worker):
    fail(client, "aino", 4)
    assert signed_in(sign_in(client, "aino", PASSWORD))


def test_the_fifth_failure_for_a_username_locks_it_even_from_other_addresses(client, case_worker):
    for number in range(5):
        fail(client, "aino", 1, address=f"192.0.2.{number}")
    response = sign_in(client, "aino", PASSWORD, address="198.51.100.1")
    assert not signed_in(response)


def test_the_right_password_is_refused_while_locked_with_the_time_to_try_again(client, case_worker):
    fail(client, "aino", 5)
    response = sign_in(client, "aino", PASSWORD, HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert not signed_in(response)
    assert "Too many failed sign-in attempts" in html
    until = timezone.localtime(LoginAttempt.objects.earliest("at").at + dt.timedelta(minutes=15))
    next_minute = until.replace(second=0, microsecond=0) + dt.timedelta(minutes=1)
    with translation.override("en"):
        assert f"locked until {time_format(next_minute)}" in html


def test_a_locked_attempt_is_not_counted_as_another_failure(client, case_worker):
    fail(client, "aino", 5)
    sign_in(client, "aino", "wrong-password")
    assert LoginAttempt.objects.count() == 5


def test_five_failures_from_one_address_lock_that_address_for_every_username(client, case_worker):
    for number in range(5):
        fail(client, f"guess-{number}", 1, address="203.0.113.9")
    assert not signed_in(sign_in(client, "aino", PASSWORD, address="203.0.113.9"))
    assert signed_in(sign_in(client, "aino", PASSWORD, address="198.51.100.1"))


def test_the_lock_ends_when_the_window_has_passed(client, case_worker):
    fail(client, "aino", 5)
    move_failures_back(minutes=15)
    assert signed_in(sign_in(client, "aino", PASSWORD))


def test_the_lock_still_holds_a_minute_before_the_window_has_passed(client, case_worker):
    fail(client, "aino", 5)
    move_failures_back(minutes=14)
    assert not signed_in(sign_in(client, "aino", PASSWORD))


def test_a_successful_login_clears_that_usernames_failures_only(client, case_worker):
    fail(client, "aino", 3)
    fail(client, "someone-else", 1)
    sign_in(client, "aino", PASSWORD)
    assert list(LoginAttempt.objects.values_list("username", flat=True)) == ["someone-else"]


def test_failures_older_than_a_day_are_purged_when_a_new_one_is_written(client, case_worker):
    fail(client, "aino", 2)
    move_failures_back(minutes=24 * 60 + 1)
    fail(client, "aino", 1)
    assert LoginAttempt.objects.count() == 1
