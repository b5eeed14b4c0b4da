"""Production: PostgreSQL, HTTPS behind a proxy, secrets only from the environment."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *
from .env import env_bool, env_int, env_list, env_str

SECRET_KEY = env_str("SECRET_KEY", required=True)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") or env_str("ALLOWED_HOSTS", required=True)
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", required=True),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if "django.contrib.postgres" not in INSTALLED_APPS:
    INSTALLED_APPS = [*INSTALLED_APPS, "django.contrib.postgres"]

DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 63_072_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# One proxy in front by default once TRUSTED_PROXIES says where it is (addresses or networks);
# a proxy count without that list would trust X-Forwarded-For from anyone who reaches gunicorn
# directly, so it refuses to start.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1 if TRUSTED_PROXIES else 0)
if TRUSTED_PROXY_COUNT > 0 and not TRUSTED_PROXIES:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT is set, but TRUSTED_PROXIES lists no proxy.")

if env_str("EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": env_str("EMAIL_HOST"),
                "port": env_int("EMAIL_PORT", 587),
                "username": env_str("EMAIL_HOST_USER", ""),
                "password": env_str("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", True),
                "timeout": 20,
            },
        }
    }
elif ANYMAIL_ESP:
    # For example ANYMAIL_ESP=postmark with ANYMAIL_POSTMARK_SERVER_TOKEN in the environment,
    # and ANYMAIL_WEBHOOK_SECRET for the delivery reports (docs/letters.md).
    INSTALLED_APPS = [*INSTALLED_APPS, "anymail"]
    MAILERS = {"default": {"BACKEND": f"anymail.backends.{ANYMAIL_ESP}.EmailBackend"}}
    ANYMAIL = {
        key.removeprefix("ANYMAIL_"): value
        for key, value in os.environ.items()
        if key.startswith("ANYMAIL_") and key != "ANYMAIL_ESP"
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend"}}
