"""The reference pages: answers for a date, in fi/sv/en, with clear errors tied to the field."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from kuntakokeilu.web.i18n import LANGUAGES, untranslated

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(db):
    call_command("load_reference", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_the_areas_page_lists_the_25_areas_on_the_first_day(client, loaded):
    page = client.get(reverse("area-list"), {"on": "1.3.2021"}, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    assert page.content.decode().count('<th scope="row">') == 25
    assert "25 areas on 1.3.2021" in page.content.decode()


def test_the_areas_page_names_municipalities_in_the_readers_language(client, loaded):
    swedish = client.get(reverse("area-list"), {"on": "2021-03-01"}, HTTP_ACCEPT_LANGUAGE="sv")
    assert "Helsingfors" in swedish.content.decode()
    assert "25 områden 1.3.2021" in swedish.content.decode()


def test_a_day_outside_the_experiments_says_so(client, loaded):
    page = client.get(reverse("area-list"), {"on": "1.1.2025"}, HTTP_ACCEPT_LANGUAGE="fi")
    assert "Millään alueella ei ollut jäseniä 1.1.2025" in page.content.decode()


def test_a_bad_date_is_an_error_on_the_field_and_a_400(client, loaded):
    page = client.get(reverse("area-list"), {"on": "31.2.2021"}, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 400
    html = page.content.decode()
    assert 'aria-invalid="true"' in html
    assert 'id="on-errors"' in html


def test_the_applications_page_shows_the_2020_round_with_its_flags(client, loaded):
    page = client.get(reverse("application-assessment"), HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count('class="result-fail"') == 1  # Maisema-Karjala: two ELY areas in 2020
    assert html.count('class="result-waiver_needed"') == 4


def test_a_date_before_the_reference_data_is_an_error_on_the_field(client, loaded):
    page = client.get(reverse("application-assessment"), {"on": "1.1.2019"})
    assert page.status_code == 400
    assert "no municipal division is known for 2019-01-01" in page.content.decode()


def test_the_language_can_be_switched_and_is_remembered(client, loaded):
    client.post(reverse("set_language"), {"language": "sv", "next": "/"})
    assert "Områden" in client.get(reverse("area-list")).content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_user_facing_string_is_translated(language):
    assert untranslated(language) == []
