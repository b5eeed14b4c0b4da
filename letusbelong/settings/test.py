"""The test suite: always on PostgreSQL (real parts), DATABASE_URL or the local server."""

import os

if not os.environ.get("DATABASE_URL", "").strip():
    os.environ["DATABASE_URL"] = "postgres://postgres@127.0.0.1:5432/letusbelong"

from django.core.exceptions import ImproperlyConfigured  # noqa: E402

from .base import *  # noqa: E402

if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    scheme = env_str("DATABASE_URL").partition(":")[0]  # never the rest: it may hold a password
    raise ImproperlyConfigured(
        f"The tests run on PostgreSQL only, as production does, not on {scheme!r}. Set "
        "DATABASE_URL=postgres://postgres@127.0.0.1:5432/letusbelong (pytest-django creates and "
        "drops test_letusbelong), or unset it for that default."
    )

DEBUG = False
SECRET_KEY = "test-only-key-not-secret-0123456789abcdefghijklmnopqrstuvwxyz"
ALLOWED_HOSTS = ["*"]
# django-axes refuses authenticate() without a request, which Client.login() does; the sign-in tests
# turn it on with override_settings(AXES_ENABLED=True) (tests/accounts/test_admin_login.py).
AXES_ENABLED = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
# A db_worker started by tests/support/worker.py sends to the test's SMTP sink on this port.
if smtp_port := env_int("TEST_SMTP_PORT", 0):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": smtp_port, "timeout": 5},
        }
    }
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MP_DATA_DIR = MP_DATA_DIR or str(BASE_DIR.parent / "shared" / "data" / "mp")
# Tests point the Represent client at a local replay server; never at the internet.
REPRESENT_API_URL = "http://127.0.0.1:9"
# core.clock: an end-to-end test moves "now" for itself and its db_worker through this file.
CLOCK_OFFSET_FILE = env_str("TEST_CLOCK_OFFSET_FILE")
