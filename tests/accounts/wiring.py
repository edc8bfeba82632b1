"""Where the accounts middleware goes in settings.MIDDLEWARE (no Django imports: the deployment
settings for the check import this before the apps are loaded)."""

ACCOUNTS_MIDDLEWARE = [
    "kuntakokeilu.accounts.middleware.AbsoluteSessionLimitMiddleware",
    "kuntakokeilu.accounts.middleware.ProfileLanguageMiddleware",
]
AFTER = "django.contrib.messages.middleware.MessageMiddleware"


def with_accounts_middleware(middleware: list[str]) -> list[str]:
    """``middleware`` with the accounts middleware right after ``AFTER`` (unless already in)."""
    if set(ACCOUNTS_MIDDLEWARE) <= set(middleware):
        return list(middleware)
    at = middleware.index(AFTER) + 1
    return [*middleware[:at], *ACCOUNTS_MIDDLEWARE, *middleware[at:]]
