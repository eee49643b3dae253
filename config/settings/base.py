"""Settings shared by every environment; everything that differs comes from the environment.

Environment variables (see docs/deployment.md):
    DATABASE_URL      default sqlite:///<repo>/var/yankao.sqlite3
    REDIS_URL         optional; when set, background jobs go through Redis (django-tasks-redis)
    SECRET_KEY        required in production
    ALLOWED_HOSTS     comma separated
    EMAIL_URL-ish:    EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS
    SMS_BACKEND       dotted path of an SMS sender (default: console)
    LINE_NOTIFY_BACKEND dotted path of a LINE sender (default: console)
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import dj_database_url
from django.utils.translation import gettext_lazy as _

from yankao.registers import REGISTER_APPS

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("YANKAO_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-change-me")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.humanize",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.line",
    "allauth.socialaccount.providers.openid_connect",
    "django_tasks_db",
    "crontask",
    "yankao.core",
    "yankao.org",
    "yankao.portal",
    "yankao.service",
    "yankao.open311",
    "yankao.programmes",
    "yankao.works",
    "yankao.participation",
    *REGISTER_APPS,  # issue #8: yankao.registers and one small app per register
    "yankao.reports",
    "yankao.search",  # issue #10: reads the other apps' public records through their selectors
]

# sessions, sign-in and messages are skipped for the machine API (/open311/v2/, keyed
# clients; core.middleware.API_PREFIXES); the security, locale and audit layers run for every request
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "yankao.core.middleware.SessionMiddlewareExceptApi",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "yankao.core.middleware.AuthenticationMiddlewareExceptApi",
    "yankao.core.middleware.MessageMiddlewareExceptApi",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "yankao.core.middleware.AuditContextMiddleware",
    "yankao.org.middleware.StaffSecondFactorMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "yankao" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "yankao.org.context_processors.roles",
            ],
            "builtins": ["yankao.core.templatetags.yankao"],
        },
    }
]

VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'yankao.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL + a busy timeout so that the web process and the task worker can share the file.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "org.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "portal:home"
SESSION_COOKIE_AGE = 60 * 60 * 8
SESSION_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "yankao.portal.views.csrf_failure"

# --- django-allauth: citizens by email or LINE / OIDC; staff by password + TOTP -------------
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = os.environ.get("ACCOUNT_EMAIL_VERIFICATION", "mandatory")
ACCOUNT_ADAPTER = "yankao.org.adapters.AccountAdapter"
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_RATE_LIMITS = {
    # failed-login throttling: per IP and per account (allauth's own limiter, on the cache)
    "login_failed": os.environ.get("LOGIN_FAILED_RATE", "5/5m/ip,5/5m/key"),
    "login": "30/m/ip",
    "signup": "20/m/ip",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "yankao 研考"
MFA_TOTP_TOLERANCE = 1
SOCIALACCOUNT_ADAPTER = "yankao.org.adapters.SocialAccountAdapter"
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_PROVIDERS: dict = {
    "line": {
        "SCOPE": ["profile", "openid", "email"],
        "APPS": (
            [
                {
                    "client_id": os.environ["LINE_CHANNEL_ID"],
                    "secret": os.environ.get("LINE_CHANNEL_SECRET", ""),
                }
            ]
            if os.environ.get("LINE_CHANNEL_ID")
            else []
        ),
    },
    "openid_connect": {
        "APPS": (
            [
                {
                    "provider_id": "city-sso",
                    "name": os.environ.get("OIDC_NAME", "市府單一登入"),
                    "client_id": os.environ["OIDC_CLIENT_ID"],
                    "secret": os.environ.get("OIDC_CLIENT_SECRET", ""),
                    "settings": {"server_url": os.environ.get("OIDC_SERVER_URL", "")},
                }
            ]
            if os.environ.get("OIDC_CLIENT_ID")
            else []
        ),
    },
}

# --- i18n: Traditional Chinese (Taiwan) first --------------------------------------------------
LANGUAGE_CODE = "zh-hant"
LANGUAGES = [("zh-hant", "繁體中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "yankao" / "locale"]
TIME_ZONE = "Asia/Taipei"
USE_I18N = True
USE_TZ = True

# --- static and media ----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "yankao" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
if os.environ.get("S3_BUCKET"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["S3_BUCKET"],
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("S3_REGION") or None,
            "access_key": os.environ.get("S3_ACCESS_KEY_ID"),
            "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY"),
            "default_acl": "private",
            "querystring_auth": True,
        },
    }

# --- cache: Redis when configured (shared rate limits across web processes) -------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "yankao.core.cache.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "yankao_cache"}}

# --- background jobs: django.tasks --------------------------------------------------------------
# Database queue by default (no server needed; `yankao db_worker`), Redis streams when REDIS_URL is set.
if REDIS_URL and not env_bool("TASKS_USE_DATABASE"):
    TASKS = {
        "default": {
            "BACKEND": "django_tasks_redis.RedisTaskBackend",
            "QUEUES": ["default", "imports", "reports"],
            "OPTIONS": {"REDIS_URL": REDIS_URL},
        }
    }
    INSTALLED_APPS.append("django_tasks_redis")
else:
    TASKS = {
        "default": {
            "BACKEND": "django_tasks_db.DatabaseBackend",
            "QUEUES": ["default", "imports", "reports"],
        }
    }

# Periodic jobs (crontask): one scheduler at a time, the lock in Redis when there is one.
CRONTASK = {"REDIS_URL": REDIS_URL or None}

# --- mail and other notification channels ------------------------------------------------------
# Django 6.1 mailers: console by default; SMTP when EMAIL_HOST is set.
if os.environ.get("EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ["EMAIL_HOST"],
                "port": int(os.environ.get("EMAIL_PORT", "587")),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", True),
                "timeout": 20,
            },
        }
    }
else:
    MAILERS = {
        "default": {"BACKEND": os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")}
    }
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "yankao <noreply@localhost>")
YANKAO_SMS_BACKEND = os.environ.get("SMS_BACKEND", "yankao.core.notify.ConsoleSender")
YANKAO_LINE_BACKEND = os.environ.get("LINE_BACKEND", "yankao.core.notify.ConsoleSender")
YANKAO_SMS_API_URL = os.environ.get("SMS_API_URL", "")
YANKAO_SMS_API_KEY = os.environ.get("SMS_API_KEY", "")

YANKAO_SECURITY_EMAILS = env_list("YANKAO_SECURITY_EMAILS")
YANKAO_CITY_CODE = os.environ.get("YANKAO_CITY_CODE", "KHH")
YANKAO_SITE_NAME = os.environ.get("YANKAO_SITE_NAME", "高雄市政府研考系統")
# the registers' weekly deadline digest lists what falls due within this many days (and the overdue)
REGISTERS_REMINDER_WITHIN_DAYS = int(os.environ.get("REGISTERS_REMINDER_WITHIN_DAYS", "7"))
# Each process keeps the intake rules (routes, deadline rules, policies) in memory; a change made in
# another process is seen after at most this many seconds (a change in the same process at once).
SERVICE_RULES_CACHE_SECONDS = int(os.environ.get("SERVICE_RULES_CACHE_SECONDS", "30"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

_ = _  # gettext_lazy kept for settings that translators may need

# --- cross-agency search (issue #10) ---------------------------------------------------------------
# An OpenAI-compatible chat endpoint for answers (a local model server or a provider); unset = the
# search answers with the best passages and their links.
SEARCH_LLM_URL = os.environ.get("SEARCH_LLM_URL", "")
SEARCH_LLM_MODEL = os.environ.get("SEARCH_LLM_MODEL", "")
SEARCH_LLM_KEY = os.environ.get("SEARCH_LLM_KEY", "")
SEARCH_EMBEDDINGS = env_bool("SEARCH_EMBEDDINGS", True)
# static: distilled from multilingual-e5-small, ~1 ms a page; e5: the transformer itself, 3–5 pages/s
# on two cores (docs/search.md). Changing it needs `yankao search index --all`.
SEARCH_EMBED_MODEL = os.environ.get("SEARCH_EMBED_MODEL", "static")
SEARCH_INDEX_BATCH = 200  # pages indexed per transaction by the crawler and the records
SEARCH_TERM_POSTINGS = 5000  # best postings read per query term (impact-ordered)
SEARCH_TERM_STATS_SECONDS = 300  # term frequencies (idf) remembered per process
