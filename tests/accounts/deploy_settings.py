"""The project's settings with the accounts middleware in place (as settings.py is to have it),
for the deployment check in test_deploy.py."""

from kuntakokeilu.web.settings import *  # noqa: F403
from kuntakokeilu.web.settings import MIDDLEWARE
from tests.accounts.wiring import with_accounts_middleware

MIDDLEWARE = with_accounts_middleware(MIDDLEWARE)
