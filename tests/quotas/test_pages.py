"""The area manager's quota pages: scoped to the manager's area, errors on their fields."""

import datetime as dt
from decimal import Decimal

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse

from kuntakokeilu.accounts.models import Profile
from kuntakokeilu.quotas.actions import consume
from kuntakokeilu.quotas.models import QuotaAdjustment
from tests.quotas.conftest import make_quota

pytestmark = pytest.mark.django_db


@pytest.fixture
def quotas(helsinki, espoo):
    own = make_quota(helsinki, cap_euros="540000.00", cap_places=60)
    consume(
        area=helsinki, service="wage_subsidy", on=dt.date(2021, 6, 1), euros="135000.00", places=15
    )
    own.refresh_from_db()
    other = make_quota(espoo, cap_euros="777777.00", cap_places=77)
    return own, other


def page(client, user, url, **kwargs):
    client.force_login(user)
    return client.get(url, HTTP_ACCEPT_LANGUAGE="en", **kwargs)


def adjust_url(quota):
    return reverse("quotas:adjust", args=[quota.pk])


def test_the_area_manager_sees_the_areas_quotas_with_use_remaining_and_share(
    client, manager, quotas
):
    response = page(client, manager, reverse("quotas:list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "540\xa0000,00\xa0€" in html
    assert "135\xa0000,00\xa0€" in html
    assert "405\xa0000,00\xa0€" in html
    assert "25,0\xa0%" in html
    assert adjust_url(quotas[0]) in html


def test_the_area_manager_does_not_see_another_areas_quotas(client, manager, quotas):
    html = page(client, manager, reverse("quotas:list")).content.decode()
    assert "777\xa0777,00\xa0€" not in html
    assert adjust_url(quotas[1]) not in html


def test_an_administrator_sees_every_areas_quotas(client, administrator, quotas):
    html = page(client, administrator, reverse("quotas:list")).content.decode()
    assert adjust_url(quotas[0]) in html
    assert adjust_url(quotas[1]) in html


def test_another_areas_manager_gets_404_for_the_quota(client, espoo_manager, quotas):
    assert page(client, espoo_manager, adjust_url(quotas[0])).status_code == 404
    client.post(adjust_url(quotas[0]), {"new_cap_euros": "1", "new_cap_places": "", "reason": "x"})
    assert QuotaAdjustment.objects.count() == 0


@pytest.mark.parametrize("persona", ["case_worker", "analyst"])
def test_roles_that_do_not_manage_an_area_get_404(client, quotas, persona, request):
    user = request.getfixturevalue(persona)
    assert page(client, user, reverse("quotas:list")).status_code == 404
    assert page(client, user, adjust_url(quotas[0])).status_code == 404


def test_a_user_without_a_profile_gets_404(client, quotas, django_user_model):
    user = django_user_model.objects.create_user("nobody")
    assert page(client, user, reverse("quotas:list")).status_code == 404


@pytest.mark.parametrize("url", ["list", "adjust"])
def test_an_anonymous_visitor_is_sent_to_sign_in(client, quotas, url):
    target = reverse("quotas:list") if url == "list" else adjust_url(quotas[0])
    response = client.get(target)
    assert response.status_code == 302
    assert response.url.startswith(resolve_url(settings.LOGIN_URL))


def test_the_adjust_form_starts_from_the_current_caps(client, manager, quotas):
    html = page(client, manager, adjust_url(quotas[0])).content.decode()
    assert 'name="new_cap_euros"' in html
    assert 'name="reason"' in html
    assert "540,000.00" in html or "540000.00" in html


def test_an_adjustment_in_finnish_format_is_saved(client, manager, quotas):
    Profile.objects.filter(user=manager).update(language="fi")
    client.force_login(manager)
    response = client.post(
        adjust_url(quotas[0]),
        {"new_cap_euros": "600 000,50", "new_cap_places": "70", "reason": "Lisärahoitus"},
        HTTP_ACCEPT_LANGUAGE="fi",
    )
    assert response.status_code == 302
    assert response.url == reverse("quotas:list")
    quotas[0].refresh_from_db()
    assert (quotas[0].cap_euros, quotas[0].cap_places) == (Decimal("600000.50"), 70)
    assert QuotaAdjustment.objects.get().adjusted_by == manager


def test_an_adjustment_without_a_reason_is_an_error_on_the_reason_and_nothing_is_saved(
    client, manager, quotas
):
    client.force_login(manager)
    response = client.post(
        adjust_url(quotas[0]),
        {"new_cap_euros": "600000.00", "new_cap_places": "70", "reason": "  "},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="reason-errors"' in html
    assert 'aria-invalid="true"' in html
    assert "Give the reason for the change." in html
    quotas[0].refresh_from_db()
    assert quotas[0].cap_euros == Decimal("540000.00")
    assert QuotaAdjustment.objects.count() == 0


def test_a_cap_below_the_use_is_an_error_on_the_cap_and_nothing_is_saved(client, manager, quotas):
    client.force_login(manager)
    response = client.post(
        adjust_url(quotas[0]),
        {"new_cap_euros": "100000.00", "new_cap_places": "10", "reason": "Cut"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="new_cap_euros-errors"' in html
    assert 'id="new_cap_places-errors"' in html
    assert "135\xa0000,00\xa0€" in html
    assert QuotaAdjustment.objects.count() == 0


def test_a_cap_that_is_not_a_number_is_an_error_on_the_cap(client, manager, quotas):
    client.force_login(manager)
    response = client.post(
        adjust_url(quotas[0]), {"new_cap_euros": "lots", "new_cap_places": "", "reason": "Cut"}
    )
    assert response.status_code == 400
    assert 'id="new_cap_euros-errors"' in response.content.decode()
    assert QuotaAdjustment.objects.count() == 0


def test_every_error_of_the_form_is_shown_at_once(client, manager, quotas):
    client.force_login(manager)
    response = client.post(
        adjust_url(quotas[0]),
        {"new_cap_euros": "100000.00", "new_cap_places": "70", "reason": ""},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="reason-errors"' in html
    assert 'id="new_cap_euros-errors"' in html
    assert QuotaAdjustment.objects.count() == 0
