"""A signed-in user reads the service in the profile's language; the language switch saves it."""

import pytest
from django.conf import settings
from django.urls import reverse

from kuntakokeilu.accounts.models import Profile
from tests.accounts.conftest import PAGE, PASSWORD, sign_in

pytestmark = pytest.mark.django_db


def page_language(client, **headers) -> str:
    return client.get(PAGE, **headers).wsgi_request.LANGUAGE_CODE


def test_a_signed_in_user_reads_the_profile_language_whatever_the_browser_asks(client, case_worker):
    sign_in(client, "aino", PASSWORD)
    client.cookies.pop(settings.LANGUAGE_COOKIE_NAME)
    Profile.objects.filter(user=case_worker).update(language="sv")
    response = client.get(reverse("area-list"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.wsgi_request.LANGUAGE_CODE == "sv"
    assert "Områden" in response.content.decode()


def test_a_language_chosen_on_another_device_wins_over_this_browsers_cookie(client, case_worker):
    sign_in(client, "aino", PASSWORD)  # the cookie now says fi
    Profile.objects.filter(user=case_worker).update(language="en")
    assert page_language(client) == "en"


def test_an_anonymous_visitor_reads_the_browsers_language(client, case_worker):
    Profile.objects.filter(user=case_worker).update(language="sv")
    assert page_language(client, HTTP_ACCEPT_LANGUAGE="en") == "en"


def test_choosing_a_language_saves_it_in_the_profile(client, case_worker):
    sign_in(client, "aino", PASSWORD)
    response = client.post(reverse("accounts:language"), {"language": "sv", "next": "/areas/"})
    assert response.status_code == 302
    assert response.url == "/areas/"
    assert Profile.objects.get(user=case_worker).language == "sv"
    assert page_language(client, HTTP_ACCEPT_LANGUAGE="fi") == "sv"


def test_the_saved_language_follows_the_user_to_the_next_session(client, case_worker):
    sign_in(client, "aino", PASSWORD)
    client.post(reverse("accounts:language"), {"language": "en", "next": "/"})
    client.post(reverse("accounts:logout"))
    client.cookies.clear()
    sign_in(client, "aino", PASSWORD)
    assert page_language(client, HTTP_ACCEPT_LANGUAGE="fi") == "en"


def test_an_unknown_language_is_not_saved(client, case_worker):
    sign_in(client, "aino", PASSWORD)
    client.post(reverse("accounts:language"), {"language": "de", "next": "/"})
    assert Profile.objects.get(user=case_worker).language == "fi"


def test_an_anonymous_visitor_can_switch_language_without_a_profile(client, db):
    client.post(reverse("accounts:language"), {"language": "sv", "next": "/"})
    assert page_language(client) == "sv"


def test_the_login_page_after_signing_out_stays_in_the_users_language(client, case_worker):
    Profile.objects.filter(user=case_worker).update(language="sv")
    sign_in(client, "aino", PASSWORD)
    client.post(reverse("accounts:logout"))
    assert page_language(client, HTTP_ACCEPT_LANGUAGE="fi") == "sv"


def test_the_header_language_switch_posts_to_the_saving_view(client, db):
    html = client.get(PAGE).content.decode()
    assert f'action="{reverse("accounts:language")}" method="post"' in html
