"""Session limits: 30 minutes idle, 8 hours from login whatever the activity; a deactivated user
loses the session at the next request."""

import datetime as dt

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from kuntakokeilu.accounts.models import Profile
from kuntakokeilu.accounts.session_limit import LOGIN_AT
from kuntakokeilu.audit.models import AuditEntry
from kuntakokeilu.web import settings as project_settings
from tests.accounts.conftest import PAGE, PASSWORD, sign_in, signed_in
from tests.accounts.wiring import ACCOUNTS_MIDDLEWARE, AFTER

pytestmark = pytest.mark.django_db
EIGHT_HOURS = 8 * 60 * 60


def signed_in_for(client, seconds: float) -> None:
    """The clock moved on: the session's login happened ``seconds`` ago."""
    session = client.session
    session[LOGIN_AT] = timezone.now().timestamp() - seconds
    session.save()


def test_the_idle_timeout_is_30_minutes_renewed_by_every_request():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True


def test_the_absolute_limit_is_8_hours():
    assert settings.SESSION_ABSOLUTE_SECONDS == EIGHT_HOURS


def test_a_session_idle_past_its_expiry_is_no_longer_signed_in(client, case_worker):
    sign_in(client, "aino", PASSWORD)
    Session.objects.update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    assert not signed_in(client.get(PAGE))


def test_a_session_younger_than_8_hours_goes_on(client, case_worker):
    sign_in(client, "aino", PASSWORD)
    signed_in_for(client, EIGHT_HOURS - 60)
    response = client.get(PAGE)
    assert response.status_code == 200
    assert signed_in(response)


def test_a_session_older_than_8_hours_is_ended_and_sent_to_login(client, case_worker):
    Profile.objects.filter(user=case_worker).update(language="en")
    sign_in(client, "aino", PASSWORD)
    signed_in_for(client, EIGHT_HOURS + 1)
    response = client.get("/areas/?on=1.3.2021")
    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next=/areas/%3Fon%3D1.3.2021"
    login_page = client.get(response.url)
    assert not signed_in(login_page)
    assert "Your session has ended. Please sign in again." in login_page.content.decode()


def test_a_form_posted_after_8_hours_leads_to_the_login_page_without_coming_back(
    client, case_worker
):
    sign_in(client, "aino", PASSWORD)
    signed_in_for(client, EIGHT_HOURS + 1)
    response = client.post(reverse("accounts:language"), {"language": "sv", "next": "/areas/"})
    assert response.url == reverse("accounts:login")


def test_the_end_of_a_session_at_the_limit_is_audited(client, case_worker):
    sign_in(client, "aino", PASSWORD)
    signed_in_for(client, EIGHT_HOURS + 1)
    client.get(PAGE)
    entry = AuditEntry.objects.get(action="logout")
    assert (entry.actor, entry.detail) == ("aino", "absolute session limit")


def test_the_login_time_is_stored_in_the_session_at_login(client, case_worker):
    before = timezone.now().timestamp()
    sign_in(client, "aino", PASSWORD)
    assert before <= client.session[LOGIN_AT] <= timezone.now().timestamp()


def test_a_deactivated_user_loses_the_session_at_the_next_request(client, case_worker):
    sign_in(client, "aino", PASSWORD)
    case_worker.is_active = False
    case_worker.save()
    assert not signed_in(client.get(PAGE))


def test_the_accounts_middleware_is_installed_after_authentication_and_messages():
    installed = project_settings.MIDDLEWARE  # as written, not as this package's fixture has it
    missing = [m for m in ACCOUNTS_MIDDLEWARE if m not in installed]
    assert not missing, f"add {missing} to MIDDLEWARE in settings.py, after MessageMiddleware"
    positions = [installed.index(m) for m in ACCOUNTS_MIDDLEWARE]
    after = installed.index(AFTER)
    assert positions == sorted(positions)
    assert min(positions) > after
