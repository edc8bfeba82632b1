"""Every login, failed login and logout leaves an audit row; never a password."""

import pytest
from django.urls import reverse

from kuntakokeilu.audit.models import AuditEntry
from tests.accounts.conftest import PASSWORD, sign_in

pytestmark = pytest.mark.django_db


def session_rows():
    return AuditEntry.objects.filter(object_kind="session", purpose="administration")


def test_a_login_is_audited_with_the_actor_role_and_address(client, case_worker):
    sign_in(client, "aino", PASSWORD, address="192.0.2.44")
    entry = session_rows().get()
    assert (entry.action, entry.success, entry.actor, entry.role) == (
        "login",
        True,
        "aino",
        "case_worker",
    )
    assert entry.address == "192.0.2.44"


def test_a_failed_login_is_audited_as_denied_without_the_password(client, case_worker):
    sign_in(client, "aino", "my-secret-guess")
    entry = session_rows().get()
    assert (entry.action, entry.success, entry.object_id) == ("denied", False, str(case_worker.pk))
    assert "aino" in entry.detail
    assert "my-secret-guess" not in str(AuditEntry.objects.values())


def test_an_unknown_username_is_not_written_into_the_audit_log(client, db):
    sign_in(client, "hunter2-typed-in-the-wrong-field", "whatever")
    entry = session_rows().get()
    assert entry.action == "denied"
    assert "hunter2" not in entry.detail


def test_an_attempt_refused_by_the_lock_is_audited_as_denied(client, case_worker):
    for _ in range(5):
        sign_in(client, "aino", "wrong-password")
    sign_in(client, "aino", PASSWORD)
    last = session_rows().last()
    assert (last.action, last.success) == ("denied", False)
    assert "locked until" in last.detail


def test_a_logout_is_audited_for_the_user_who_left(client, case_worker):
    sign_in(client, "aino", PASSWORD)
    client.post(reverse("accounts:logout"))
    assert list(session_rows().values_list("action", "actor")) == [
        ("login", "aino"),
        ("logout", "aino"),
    ]


def test_signing_out_when_nobody_is_signed_in_writes_nothing(client, db):
    client.post(reverse("accounts:logout"))
    assert not session_rows().exists()
