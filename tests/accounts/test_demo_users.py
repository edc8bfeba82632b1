"""``kuntakokeilu create-demo-users``: every role in Helsinki and Espoo, idempotent, passwords
printed once (and written to a file on request)."""

import io
import stat

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.management import CommandError, call_command
from django.db.models import Value
from django.db.models.functions import Concat

from kuntakokeilu.accounts.models import Profile, Role
from kuntakokeilu.areas.models import Area

pytestmark = pytest.mark.django_db


def create_demo_users(*args: str) -> dict[str, list[str]]:
    """Run the command; its table as {username: [role, area, password]}."""
    out = io.StringIO()
    call_command("create_demo_users", *args, stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].split() == ["username", "role", "area", "password"]
    return {cells[0]: cells[1:] for cells in (line.split() for line in lines[1:11])}


def test_every_role_gets_a_demo_user_with_a_profile(areas):
    create_demo_users()
    roles = set(Profile.objects.values_list("role", flat=True))
    assert roles == set(Role.values)


def test_both_areas_get_two_case_workers_and_an_area_manager(areas):
    create_demo_users()
    for area in ("helsinki", "espoo"):
        profiles = Profile.objects.filter(area__area_id=area)
        assert profiles.filter(role=Role.CASE_WORKER).count() == 2
        assert profiles.filter(role=Role.AREA_MANAGER).count() == 1


def test_the_te_officer_belongs_to_uusimaa_and_one_espoo_case_worker_speaks_swedish(areas):
    create_demo_users()
    assert Profile.objects.get(role=Role.TE_OFFICER).te_ely_code == "01"
    swedish = Profile.objects.get(language="sv")
    assert (swedish.role, swedish.area.area_id) == (Role.CASE_WORKER, "espoo")


def test_the_administrator_is_staff_and_superuser(areas):
    create_demo_users()
    admin = get_user_model().objects.get(profile__role=Role.ADMINISTRATOR)
    assert admin.is_staff
    assert admin.is_superuser
    assert get_user_model().objects.filter(is_staff=True).count() == 1


def test_the_printed_passwords_sign_the_users_in(areas):
    table = create_demo_users()
    assert len(table) == 10
    for username, (_role, _area, password) in table.items():
        user = authenticate(username=username, password=password)
        assert user is not None
        validate_password(password, user)  # raises when a password is weak


def test_a_rerun_changes_nothing_and_keeps_the_passwords(areas):
    first = create_demo_users()
    second = create_demo_users()
    assert get_user_model().objects.count() == 10
    assert Profile.objects.count() == 10
    assert {cells[2] for cells in second.values()} == {"(unchanged)"}
    username, (_role, _area, password) = next(iter(first.items()))
    assert authenticate(username=username, password=password) is not None


def test_reset_passwords_gives_everyone_a_new_one(areas):
    first = create_demo_users()
    second = create_demo_users("--reset-passwords")
    for username, (_role, _area, password) in second.items():
        assert password != first[username][2]
        assert authenticate(username=username, password=password) is not None


def test_the_password_file_is_private_and_keeps_passwords_that_did_not_change(areas, tmp_path):
    path = tmp_path / "demo-passwords.tsv"
    first = create_demo_users("--password-file", str(path))
    create_demo_users("--password-file", str(path))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    rows = [line.split("\t") for line in path.read_text().splitlines()]
    assert rows[0] == ["username", "role", "area", "password"]
    assert {row[0]: row[3] for row in rows[1:]} == {u: c[2] for u, c in first.items()}


def test_without_the_areas_the_command_says_to_load_the_reference_data(db):
    hide_areas_another_package_may_have_loaded()
    with pytest.raises(CommandError, match="run `kuntakokeilu load-reference`"):
        call_command("create_demo_users", stdout=io.StringIO())
    assert not get_user_model().objects.filter(username="administrator").exists()


def hide_areas_another_package_may_have_loaded() -> None:
    """Rolled back with the test: a session-wide reference load elsewhere must not leak in."""
    Area.objects.filter(area_id__in=["helsinki", "espoo"]).update(
        area_id=Concat("area_id", Value("-hidden"))
    )
