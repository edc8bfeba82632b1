"""Signing in and out through the accounts pages."""

import pytest
from django.test import Client
from django.urls import reverse

from kuntakokeilu.accounts.models import Role
from tests.accounts.conftest import PAGE, PASSWORD, make_user, sign_in, signed_in

pytestmark = pytest.mark.django_db


def test_the_right_password_signs_the_user_in_and_goes_on_to_next(client, case_worker):
    response = sign_in(client, "aino", PASSWORD)
    assert response.status_code == 302
    assert response.url == "/"
    assert client.get(PAGE).wsgi_request.user == case_worker


def test_a_wrong_password_leaves_the_user_signed_out_with_an_error(client, case_worker):
    response = sign_in(client, "aino", "not-the-password", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert not signed_in(response)
    assert "The username or the password is not correct." in response.content.decode()


def test_an_unsafe_next_address_is_not_followed(client, case_worker, settings):
    settings.LOGIN_REDIRECT_URL = "home"  # the work list belongs to another app
    response = client.post(
        reverse("accounts:login"),
        {"username": "aino", "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response.url == reverse("home")


def test_the_login_page_has_a_csrf_token_and_labelled_fields(client, db):
    html = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'name="csrfmiddlewaretoken"' in html
    assert '<label for="id_username">Username</label>' in html
    assert '<label for="id_password">Password</label>' in html
    assert 'autocomplete="current-password"' in html


def test_a_login_post_without_the_csrf_token_is_refused(db, case_worker):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse("accounts:login"), {"username": "aino", "password": PASSWORD})
    assert response.status_code == 403
    assert not signed_in(response)


def test_a_failed_login_ties_the_error_to_both_fields(client, case_worker):
    html = sign_in(client, "aino", "not-the-password").content.decode()
    assert 'id="login-errors"' in html
    assert html.count('aria-describedby="login-errors"') == 2
    assert html.count('aria-invalid="true"') == 2


def test_an_empty_field_has_its_own_error_tied_to_it(client, db):
    html = sign_in(client, "aino", "", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'id="id_password_error"' in html
    assert 'aria-describedby="id_password_error"' in html
    assert html.count('aria-invalid="true"') == 1


def test_signing_out_takes_a_post_and_ends_the_session(client, case_worker):
    sign_in(client, "aino", PASSWORD)
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert response.url == reverse("accounts:login")
    assert not signed_in(client.get(PAGE))


def test_the_header_shows_who_is_signed_in_with_a_sign_out_button(client, case_worker):
    sign_in(client, "aino", PASSWORD)
    html = client.get(PAGE, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Aino Virtanen" in html
    assert "Helsinki" in html
    assert f'action="{reverse("accounts:logout")}" method="post"' in html


def test_the_header_names_the_role_in_the_users_language(client, case_worker):
    sign_in(client, "aino", PASSWORD)
    assert "case worker" not in client.get(PAGE).content.decode()  # profile language: Finnish
    case_worker.profile.language = "en"
    case_worker.profile.save()
    assert "case worker" in client.get(PAGE).content.decode()


@pytest.mark.parametrize(
    ("role", "staff", "offered"),
    [
        (Role.ADMINISTRATOR, True, True),
        (Role.MINISTRY_ANALYST, False, False),
    ],
)
def test_only_staff_are_offered_the_administration_link(client, db, role, staff, offered):
    user = make_user("someone", role)
    user.is_staff = staff
    user.save()
    sign_in(client, "someone", PASSWORD)
    assert (reverse("admin:index") in client.get(PAGE).content.decode()) is offered


@pytest.mark.parametrize(
    ("role", "offered"),
    [(Role.CASE_WORKER, True), (Role.AREA_MANAGER, True), (Role.MINISTRY_ANALYST, False)],
)
def test_the_work_list_link_is_offered_only_to_roles_that_see_people(client, areas, role, offered):
    make_user("someone", role, areas["helsinki"] if offered else None)
    sign_in(client, "someone", PASSWORD)
    html = client.get(PAGE).content.decode()
    assert (f'href="{reverse("casework:work-list")}"' in html) is offered


@pytest.mark.parametrize(
    ("role", "lands_on"),
    [
        (Role.CASE_WORKER, "casework:work-list"),
        (Role.AREA_MANAGER, "casework:work-list"),
        (Role.MINISTRY_ANALYST, "dashboards:overview"),
    ],
)
def test_after_signing_in_each_role_starts_where_its_work_is(client, areas, role, lands_on):
    area = areas["helsinki"] if role != Role.MINISTRY_ANALYST else None
    make_user("eero", role, area)
    response = client.post(reverse("accounts:login"), {"username": "eero", "password": PASSWORD})
    assert response.url == reverse("home")
    start = client.get(response.url)
    assert start.url == reverse(lands_on)
    assert client.get(start.url).status_code == 200
