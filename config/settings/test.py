"""Test settings: the real database from DATABASE_URL (SQLite by default), fast hashing."""

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, TASKS

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ACCOUNT_EMAIL_VERIFICATION = "optional"
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tasks run inline in tests unless a test switches to the database backend explicitly.
TASKS = {
    "default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"},
    "database": {**TASKS["default"], "BACKEND": "django_tasks_db.DatabaseBackend"},
}
YANKAO_SMS_BACKEND = "yankao.core.notify.MemorySender"
YANKAO_LINE_BACKEND = "yankao.core.notify.MemorySender"

# the Redis worker command, for the test that runs a job through Redis
if "django_tasks_redis" not in INSTALLED_APPS:
    INSTALLED_APPS = [*INSTALLED_APPS, "django_tasks_redis"]
