"""Settings, from the environment. Zero configuration runs locally on SQLite with DEBUG on.

Production: KUNTAKOKEILU_DEBUG=0, KUNTAKOKEILU_SECRET_KEY, KUNTAKOKEILU_ALLOWED_HOSTS and
DATABASE_URL=postgres://... ; `kuntakokeilu check --deploy` is then clean.
"""

from pathlib import Path

import dj_database_url

from kuntakokeilu.api.settings_fragment import (  # noqa: F401 (settings read by DRF)
    API_APPS,
    REST_FRAMEWORK,
    SPECTACULAR_SETTINGS,
)
from kuntakokeilu.web.env import (
    env_bool,
    env_date,
    env_int,
    env_list,
    env_str,
    required_secret,
)

DEBUG = env_bool("KUNTAKOKEILU_DEBUG", default=True)
DATA_DIR = Path(env_str("KUNTAKOKEILU_DATA_DIR", "var")).resolve()
# A training or demo installation may fix the day the system treats as today (web/clock.py).
BUSINESS_DATE = env_date("KUNTAKOKEILU_TODAY")
SECRET_KEY = required_secret(
    "KUNTAKOKEILU_SECRET_KEY", DEBUG, "development-only-key-never-used-with-debug-off-0123456789"
)
ALLOWED_HOSTS = env_list("KUNTAKOKEILU_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
# The key of the pseudonymous client and item keys that `export-events` writes (casework/export.py).
# Kept by the deployment, never written out; required by the export with DEBUG off (a missing key
# stops it with a clear message); with DEBUG on and none set, one is generated into DATA_DIR.
PSEUDONYM_KEY = env_str("KUNTAKOKEILU_PSEUDONYM_KEY")
# Monitoring figures standing on 1 to this many people are never shown (dashboards/suppression.py).
SMALL_CELL_LIMIT = env_int("KUNTAKOKEILU_SMALL_CELL_LIMIT", 5)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "kuntakokeilu.web",
    "kuntakokeilu.areas",
    "kuntakokeilu.applications",
    "kuntakokeilu.clients",
    "kuntakokeilu.register",
    "kuntakokeilu.accounts",
    "kuntakokeilu.audit",
    "kuntakokeilu.quotas",
    "kuntakokeilu.casework",
    "kuntakokeilu.services",
    "kuntakokeilu.api",
    "kuntakokeilu.simulate",
    "kuntakokeilu.monitoring",
    "kuntakokeilu.dashboards",
    *API_APPS,
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "kuntakokeilu.accounts.middleware.AbsoluteSessionLimitMiddleware",
    "kuntakokeilu.accounts.middleware.ProfileLanguageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "kuntakokeilu.web.urls"
WSGI_APPLICATION = "kuntakokeilu.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kuntakokeilu.web.clock.business_date",
            ],
        },
    },
]

DATABASE_URL = env_str("DATABASE_URL")
if not DATABASE_URL:  # the embedded default: a SQLite file under the data directory
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASE_URL = f"sqlite:///{DATA_DIR / 'kuntakokeilu.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL, conn_max_age=env_int("KUNTAKOKEILU_DB_CONN_MAX_AGE", 60)
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers take the lock when their transaction starts, not half way (no SQLITE_BUSY
    # upgrades under concurrent requests); audit rows and quotas rely on it.
    DATABASES["default"].setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", "Suomi"), ("sv", "Svenska"), ("en", "English")]
LOCALE_PATHS = [Path(__file__).resolve().parent.parent / "locale"]
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"  # web.views.home sends each role where it starts
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
#: Login throttling: this many failures for a username (or from an address) within the window
#: lock further attempts until the window has passed.
LOGIN_FAILURE_LIMIT = env_int("KUNTAKOKEILU_LOGIN_FAILURE_LIMIT", 5)
LOGIN_FAILURE_WINDOW_MINUTES = env_int("KUNTAKOKEILU_LOGIN_FAILURE_WINDOW_MINUTES", 15)
SESSION_ABSOLUTE_SECONDS = 8 * 60 * 60

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"

# Sessions: idle timeout 30 minutes (SECURITY.md); the absolute limit is enforced with login.
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("KUNTAKOKEILU_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("KUNTAKOKEILU_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("KUNTAKOKEILU_LOG_LEVEL", "INFO")},
}
