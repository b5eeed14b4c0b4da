"""Local development: `make run`. Embedded SQLite unless DATABASE_URL says otherwise."""

from urllib.parse import urlsplit

from .base import *
from .env import env_bool

DEBUG = True
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-change-me-0123456789abcdefghijklmnop"
# `make run` serves at HOST:PORT and says so in WAGTAILADMIN_BASE_URL: that host is allowed too.
ALLOWED_HOSTS = ALLOWED_HOSTS or [
    "127.0.0.1",
    "localhost",
    urlsplit(WAGTAILADMIN_BASE_URL).hostname or "127.0.0.1",
]
INTERNAL_IPS = ["127.0.0.1"]
# `make run` prints an organizer login that works at once; ADMIN_REQUIRE_2FA=1 turns 2FA on.
ADMIN_REQUIRE_2FA = env_bool("ADMIN_REQUIRE_2FA", False)

# Mail goes to files in var/mail/ so the confirmation link can be opened from there (see README).
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "OPTIONS": {"file_path": str(BASE_DIR / "var" / "mail")},
    }
}
if env_str("EMAIL_HOST"):
    MAILERS["default"] = {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {"host": env_str("EMAIL_HOST"), "port": env_int("EMAIL_PORT", 25)},
    }
MP_DATA_DIR = MP_DATA_DIR or (
    str(BASE_DIR.parent / "shared" / "data" / "mp")
    if (BASE_DIR.parent / "shared" / "data" / "mp").is_dir()
    else None
)
