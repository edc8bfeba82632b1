"""A training or demo installation can fix the day the system treats as today."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from kuntakokeilu.web import clock
from kuntakokeilu.web.env import env_date
from tests.casework.factories import D, referred_client

pytestmark = pytest.mark.django_db

URL = reverse("casework:work-list")


def test_without_a_business_date_today_is_the_real_local_date(settings):
    settings.BUSINESS_DATE = None
    from django.utils import timezone

    assert clock.today() == timezone.localdate()


def test_the_work_list_counts_overdue_from_the_business_date_and_says_so(
    settings, signed_in, helsinki
):
    referred_client(helsinki, registered_on=D(2022, 5, 3), last_name="Uusi")  # due 10.5.2022
    settings.BUSINESS_DATE = D(2022, 5, 9)
    page = signed_in.get(URL, {"overdue": "on"}, HTTP_ACCEPT_LANGUAGE="en")
    assert page.context["items"] == []
    assert "the system treats 9.5.2022 as today" in page.content.decode()
    settings.BUSINESS_DATE = D(2022, 5, 11)
    page = signed_in.get(URL, {"overdue": "on"})
    assert [i.client.last_name for i in page.context["items"]] == ["Uusi"]


def test_pages_of_a_real_installation_show_no_training_banner(settings, signed_in, helsinki):
    settings.BUSINESS_DATE = None
    page = signed_in.get(URL, HTTP_ACCEPT_LANGUAGE="en")
    assert "Training installation" not in page.content.decode()


def test_a_business_date_that_is_not_a_date_is_refused_by_name(monkeypatch):
    monkeypatch.setenv("KUNTAKOKEILU_TODAY", "1.7.2021")
    refused = r"KUNTAKOKEILU_TODAY='1\.7\.2021' is not a date"
    with pytest.raises(ImproperlyConfigured, match=refused):
        env_date("KUNTAKOKEILU_TODAY")
    monkeypatch.setenv("KUNTAKOKEILU_TODAY", "2021-07-01")
    assert env_date("KUNTAKOKEILU_TODAY") == D(2021, 7, 1)
