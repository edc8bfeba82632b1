"""The deployment checks stay clean with the accounts app and its middleware in place."""

from pathlib import Path

from tests.web.test_settings_and_cli import PRODUCTION, run

ROOT = Path(__file__).resolve().parents[2]


def test_production_settings_with_the_accounts_middleware_pass_the_deployment_checks(tmp_path):
    env = PRODUCTION | {"KUNTAKOKEILU_DATA_DIR": str(tmp_path)}
    result = run(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        "--settings",
        "tests.accounts.deploy_settings",
        "--pythonpath",
        str(ROOT),
        env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
