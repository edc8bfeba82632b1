"""Personas and helpers for the accounts tests.

The accounts middleware is switched on here as settings.py must have it (after Django's
authentication and message middleware), so that these tests also run before it is wired in.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from kuntakokeilu.accounts.models import Profile, Role
from kuntakokeilu.areas.models import Area
from tests.accounts.wiring import with_accounts_middleware

PASSWORD = "a-long-and-correct-password-1"
#: A page every visitor may read, in the site's layout (the home page sends case workers on).
PAGE = "/areas/"


@pytest.fixture(autouse=True)
def accounts_settings(settings):
    """The accounts middleware in place, and a fast hasher (the default costs 0.2 s a check)."""
    settings.MIDDLEWARE = with_accounts_middleware(settings.MIDDLEWARE)
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.LOGIN_FAILURE_LIMIT = 5
    settings.LOGIN_FAILURE_WINDOW_MINUTES = 15


@pytest.fixture
def areas(db) -> dict[str, Area]:
    """Helsinki and Espoo as ``load-reference`` names them (kept if another package loaded them)."""
    return {
        slug: Area.objects.get_or_create(
            area_id=slug, defaults={"name": name, "kind": Area.Kind.EXPERIMENT_AREA}
        )[0]
        for slug, name in (("helsinki", "Helsinki"), ("espoo", "Espoo"))
    }


def make_user(username: str, role: Role, area: Area | None = None, **profile) -> object:
    user = get_user_model().objects.create_user(
        username, password=PASSWORD, first_name="Aino", last_name="Virtanen"
    )
    Profile.objects.create(user=user, role=role, area=area, **profile)
    return user


@pytest.fixture
def case_worker(areas):
    return make_user("aino", Role.CASE_WORKER, areas["helsinki"])


def sign_in(client, username: str, password: str, address: str = "192.0.2.10", **extra):
    """Post the login form, as a browser at ``address`` would; ``next`` keeps the redirect
    independent of the work list, which another app provides."""
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password, "next": "/"},
        REMOTE_ADDR=address,
        **extra,
    )


def signed_in(response) -> bool:
    return response.wsgi_request.user.is_authenticated
