"""Settings from the environment, and the one console command."""

import os
import subprocess
import sys
from pathlib import Path

KUNTAKOKEILU = Path(sys.executable).parent / "kuntakokeilu"
PRODUCTION = {
    "KUNTAKOKEILU_DEBUG": "0",
    "KUNTAKOKEILU_SECRET_KEY": "x" * 60 + "production-like-secret-with-enough-entropy-0123456789",
    "KUNTAKOKEILU_ALLOWED_HOSTS": "kuntakokeilu.example.fi",
}


def inherited(name: str) -> bool:
    """The child starts as a fresh deployment would: none of our settings, and not the browser
    tests' DJANGO_ALLOW_ASYNC_UNSAFE (which the deployment check rightly refuses)."""
    return not name.startswith("KUNTAKOKEILU_") and name != "DJANGO_ALLOW_ASYNC_UNSAFE"


def run(*args: str, env: dict[str, str] | None = None, cwd=None) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if inherited(k)}
    return subprocess.run(
        [str(KUNTAKOKEILU), *args],
        env=clean | (env or {}),
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )


def test_with_debug_off_a_missing_secret_key_stops_the_start_with_a_clear_message(tmp_path):
    env = {"KUNTAKOKEILU_DEBUG": "0", "KUNTAKOKEILU_DATA_DIR": str(tmp_path)}
    result = run("check", env=env)
    assert result.returncode != 0
    assert "KUNTAKOKEILU_SECRET_KEY is not set" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_yes_no_setting_with_another_value_is_refused_by_name(tmp_path):
    result = run(
        "check", env={"KUNTAKOKEILU_DEBUG": "maybe", "KUNTAKOKEILU_DATA_DIR": str(tmp_path)}
    )
    assert "KUNTAKOKEILU_DEBUG='maybe' is not a yes/no value" in result.stderr


def test_production_settings_pass_the_deployment_checks_without_warnings(tmp_path):
    env = PRODUCTION | {"KUNTAKOKEILU_DATA_DIR": str(tmp_path)}
    result = run("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_zero_configuration_runs_on_sqlite_in_the_data_directory(tmp_path):
    result = run("migrate", "--no-input", env={"KUNTAKOKEILU_DATA_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "kuntakokeilu.sqlite3").exists()


def test_commands_accept_hyphens_and_every_command_has_help():
    for command in ("assess-applications", "load-reference"):
        result = run(command, "--help")
        assert result.returncode == 0, result.stderr
        assert "usage:" in result.stdout


def test_the_command_lists_the_projects_commands():
    listing = run("help").stdout
    assert "assess_applications" in listing
    assert "load_reference" in listing
