"""Settings shared by every environment. Secrets and hosts come from the environment."""

from datetime import timedelta
from email.utils import formataddr
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from .env import env_int, env_list, env_str

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Who runs the campaign: the one name used wherever the organisation is named (site name,
# page titles, consent wording, the From of its emails, the footer of letters to MPs, the
# authenticator app's label), and its contact address.
CAMPAIGN_ORGANISATION = env_str("CAMPAIGN_ORGANISATION", "Let Us Belong")
CAMPAIGN_CONTACT_EMAIL = env_str("CAMPAIGN_CONTACT_EMAIL", "hello@letusbelong.ca")

INSTALLED_APPS = [
    "home",
    "campaign",
    "letters",
    "directory",
    "search",
    "privacy",
    "accounts",
    "translations",
    "replies",
    "core",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "letusbelong.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.locale.LocaleMiddleware",
    "letusbelong.charset.RequestCharsetMiddleware",  # before anything reads a request body
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.AdminTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "letusbelong.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "core.context_processors.organisation",
            ],
        },
    },
]

WSGI_APPLICATION = "letusbelong.wsgi.application"

# The embedded SQLite database is only the default of `make run`; production and CI use
# PostgreSQL through DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while the worker writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
else:
    # Wagtail's database search backend uses PostgreSQL full-text search when it can.
    INSTALLED_APPS.append("django.contrib.postgres")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages. English is the source; adding ("fr", _("French")) to LANGUAGES is all French
# needs (see tests/campaign/test_pages.py::test_french_is_added_by_settings_alone).
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("ru", _("Russian")),
]
for extra_code in env_list("EXTRA_LANGUAGES"):
    LANGUAGES.append((extra_code, extra_code))
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# A new translation (page or snippet) starts as a draft: it goes live when a translator
# publishes it, so the Russian site never shows a copy still in English.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# The project's catalogue first; then Russian for the strings wagtail-localize's own catalogue
# lacks or gets wrong (hand-kept: `make messages` never rewrites it). Both override the apps'.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "translations" / "third_party_locale"]
TIME_ZONE = "America/Toronto"
USE_I18N = True
USE_TZ = True

STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = BASE_DIR / "static"
STATIC_URL = "/static/"
# Files served at the site's root by WhiteNoise: /favicon.ico (letusbelong/render_images.py).
WHITENOISE_ROOT = PROJECT_DIR / "root_files"
MEDIA_ROOT = BASE_DIR / "media"
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024

WAGTAIL_SITE_NAME = CAMPAIGN_ORGANISATION
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
# No Gravatar: avatars would be a third-party request leaking a hash of each admin's email.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Background work: Django's tasks framework, stored in the same database so that a letter and
# its send task commit together (the outbox).
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "letusbelong",
    }
}
if redis_url := env_str("REDIS_URL"):
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": redis_url,
    }

# The anonymous page cache (core/pagecache.py, docs/testing.md). 0 seconds disables it.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
PAGE_CACHE_VERSION_CHECK_SECONDS = 1
PAGE_CACHE_QUERY_PARAMS = ["page"]
PAGE_CACHE_IGNORED_QUERY_PARAMS = ["utm_source", "utm_medium", "utm_campaign", "utm_content"]
PAGE_CACHE_IGNORED_QUERY_PARAMS += ["utm_term", "fbclid", "gclid"]
# "app_label.Model" whose saves change public pages: the header and footer are on every page,
# stances and demands show on the "where MPs stand" pages, and a view restriction changes who
# may see a page (core/routing.py remembers them per content version).
PAGE_CACHE_INVALIDATING_MODELS = [
    "campaign.SiteNavigation",
    "replies.Stance",
    "replies.Demand",
    "wagtailcore.PageViewRestriction",
]
# Only `make bench` sets this: requests carrying the header skip the cache (uncached figures).
PAGE_CACHE_BYPASS_HEADER = env_str("PAGE_CACHE_BYPASS_HEADER")

# Shared caches in front of the app nodes (docs/deploy.md): Varnish or a CDN answering HTTP
# PURGE, e.g. FRONTEND_CACHE_URLS=http://127.0.0.1:6081. Every content change purges them
# through Wagtail's frontend cache backends (core/frontcache.py).
FRONTEND_CACHE_URLS = env_list("FRONTEND_CACHE_URLS")
WAGTAILFRONTENDCACHE = {
    f"front{number}": {"BACKEND": "core.frontcache.TimedHTTPBackend", "LOCATION": url}
    for number, url in enumerate(FRONTEND_CACHE_URLS, 1)
}

# Mail: Django 6.1's MAILERS. This default prints to the console; development (dev.py) writes
# each email to a file in var/mail/, tests keep them in memory (or send to their SMTP sink), and
# production reads SMTP or email-service settings from the environment (production.py).
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = env_str(
    "DEFAULT_FROM_EMAIL", formataddr((CAMPAIGN_ORGANISATION, CAMPAIGN_CONTACT_EMAIL))
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
LETTERS_FROM_EMAIL = env_str("LETTERS_FROM_EMAIL", "letters@letusbelong.ca")
# An email service through django-anymail ("postmark", "amazon_ses"…; production.py sends
# through it). Its tracking webhook is mounted at /anymail/<ANYMAIL_ESP>/tracking/ only when
# ANYMAIL_WEBHOOK_SECRET ("user:password", the basic auth in the URL given to the service) is
# set too (letters/webhooks.py, docs/letters.md).
ANYMAIL_ESP = env_str("ANYMAIL_ESP", "")
ANYMAIL = {"WEBHOOK_SECRET": env_str("ANYMAIL_WEBHOOK_SECRET", "")}
# Amazon SNS (SES's webhooks): the signing certificates and subscription links must be on a
# host this matches (letters/sns.py). Tests point it at a local server.
AMAZON_SNS_URL_PATTERN = env_str(
    "AMAZON_SNS_URL_PATTERN", r"https://sns\.[a-z0-9-]+\.amazonaws\.com(\.cn)?/"
)
# The worker keeps its mail connection open from one email to the next (letters/outgoing.py):
# reused while idle for less than this many seconds, for at most this many messages.
MAIL_CONNECTION_IDLE_SECONDS = env_int("MAIL_CONNECTION_IDLE_SECONDS", 10)
MAIL_CONNECTION_MAX_MESSAGES = env_int("MAIL_CONNECTION_MAX_MESSAGES", 100)

# MP directory and postal-code lookup.
REPRESENT_API_URL = env_str("REPRESENT_API_URL", "https://represent.opennorth.ca")
REPRESENT_CALLS_PER_MINUTE = env_int("REPRESENT_CALLS_PER_MINUTE", 55)
REPRESENT_TIMEOUT_SECONDS = 3.0
POSTCODE_CACHE_DAYS = env_int("POSTCODE_CACHE_DAYS", 30)
POSTCODE_NEGATIVE_CACHE_DAYS = env_int("POSTCODE_NEGATIVE_CACHE_DAYS", 1)
# After Represent fails, lookups skip it for this long and fall back at once.
REPRESENT_COOL_DOWN_SECONDS = 30
# Where a postal code's ridings come from, in order (a demo or offline site can replace them).
POSTCODE_LOOKUP_PROVIDERS = [
    "directory.lookup.service.CachedAnswers",
    "directory.lookup.service.RepresentAnswers",
]
# Lookups per client (an IPv4 address or IPv6 /64) and minute: any lookup (the JSON endpoint,
# the letter tool's find step, the "Where MPs stand" search), and those that reach Represent,
# whose 55/min are shared by the whole site (directory/lookup/service.py).
LOOKUPS_PER_IP_PER_MINUTE = env_int("LOOKUPS_PER_IP_PER_MINUTE", 60)
REPRESENT_LOOKUPS_PER_CLIENT_PER_MINUTE = env_int("REPRESENT_LOOKUPS_PER_CLIENT_PER_MINUTE", 5)
MP_DATA_DIR = env_str("MP_DATA_DIR")

# Letters.
LETTER_MAX_BODY_CHARS = env_int("LETTER_MAX_BODY_CHARS", 5000)
LETTERS_PER_MP_PER_HOUR = env_int("LETTERS_PER_MP_PER_HOUR", 30)
# How long a find step's id (…/step/<id>/: the postal code and riding, kept server-side) lasts.
LETTER_STEP_MINUTES = env_int("LETTER_STEP_MINUTES", 120)
# The public site's address, for links in emails the worker sends (no request there).
LETTERS_SITE_URL = env_str("LETTERS_SITE_URL", WAGTAILADMIN_BASE_URL)
# sweep_letters: a letter `sending` this long is re-queued; a task RUNNING this long is failed.
LETTERS_SENDING_TIMEOUT_MINUTES = env_int("LETTERS_SENDING_TIMEOUT_MINUTES", 10)
LETTERS_TASK_GRACE_MINUTES = env_int("LETTERS_TASK_GRACE_MINUTES", 15)
# Delivery reports (letters/tracking.py): after this many hard bounces in a row an MP's contact
# is marked failing, and letters to it are refused until an organizer clears it.
MP_HARD_BOUNCES_BEFORE_FAILING = env_int("MP_HARD_BOUNCES_BEFORE_FAILING", 3)

# Abuse screening (letters/screening.py and letters/duplicates.py, docs/trust.md).
LETTER_MIN_FILL_SECONDS = env_int("LETTER_MIN_FILL_SECONDS", 3)
# A letter form's render stamp is refused after this long (the message says "2 hours").
LETTER_FORM_MAX_AGE_SECONDS = env_int("LETTER_FORM_MAX_AGE_SECONDS", 7200)
LETTER_RATE_LIMIT_PER_IP = env_int("LETTER_RATE_LIMIT_PER_IP", 5)
LETTER_RATE_LIMIT_IP_WINDOW_SECONDS = env_int("LETTER_RATE_LIMIT_IP_WINDOW_SECONDS", 600)
# Confirmed letters per address (letters/repeats.py): counted when the owner confirms.
LETTER_RATE_LIMIT_PER_EMAIL = env_int("LETTER_RATE_LIMIT_PER_EMAIL", 3)
LETTER_RATE_LIMIT_EMAIL_WINDOW_SECONDS = env_int("LETTER_RATE_LIMIT_EMAIL_WINDOW_SECONDS", 86400)
# Past this many unconfirmed letters in a day, an address gets no more confirmation emails.
LETTER_UNCONFIRMED_PER_EMAIL = env_int("LETTER_UNCONFIRMED_PER_EMAIL", 10)
RATE_LIMIT_EXEMPT_IPS = env_list("RATE_LIMIT_EXEMPT_IPS")  # load generators only
LETTER_DUPLICATE_SIMILARITY = 0.9
LETTER_DUPLICATES_BEFORE_HOLD = env_int("LETTER_DUPLICATES_BEFORE_HOLD", 5)
LETTER_PERSONAL_WORDS_NEVER_HELD = env_int("LETTER_PERSONAL_WORDS_NEVER_HELD", 40)

# Security headers that hold everywhere; production adds HTTPS-only ones.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "quiet_housekeeping": {"()": "core.logging.QuietHousekeepingTasks"},
        "redact_secrets": {"()": "core.logging.RedactSecrets"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["quiet_housekeeping", "redact_secrets"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's own default handler for "django" prints again what the root handler prints
        # (when DEBUG): every task line twice under `make run`. One handler, the root's.
        "django": {"handlers": [], "level": "INFO"},
        "django.request": {"level": "ERROR"},
        # Wagtail logs every page action at INFO, and both task loggers report each state
        # change: keep the console readable for the lines that matter.
        "wagtail": {"level": "WARNING"},
        "django.tasks": {"level": "WARNING"},
    },
}

# X-Forwarded-For counts only when the connection comes from one of TRUSTED_PROXIES (addresses
# or networks), TRUSTED_PROXY_COUNT hops from the right (core/http.py).
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# Error reports never carry form values, traceback variables or client addresses.
DEFAULT_EXCEPTION_REPORTER_FILTER = "letusbelong.security.PersonalDataReporterFilter"

# Admin sign-in (docs/trust.md): django-axes locks a username+IP pair after 5 failures for 30
# minutes, with the same trusted client IP as the letter rate limits; django-otp TOTP is
# required for every admin session (accounts.middleware.AdminTwoFactorMiddleware).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_VERBOSE = False
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "core.http.client_network"  # an IPv6 client counts by its /64
AXES_USERNAME_FORM_FIELD = "username"
# The lockout page: the admin's own style, translated, with the lock's length (accounts/views.py).
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
ADMIN_REQUIRE_2FA = True
# Where letusbelong/urls.py mounts the admin; the sign-in guards and the admin CSP follow it.
ADMIN_URL_PREFIX = "/admin/"
OTP_TOTP_ISSUER = CAMPAIGN_ORGANISATION
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600)

# Uploads: bodies over MAX_REQUEST_BYTES are refused from their Content-Length (413) before
# anything reads them; documents over WAGTAILDOCS_MAX_UPLOAD_SIZE fail validation. Only PDF
# opens in the browser; every other document (SVG, HTML…) downloads as an attachment, with
# `Content-Security-Policy: default-src 'none'`.
MAX_REQUEST_BYTES = env_int("MAX_REQUEST_BYTES", 25 * 1024 * 1024)
WAGTAILDOCS_MAX_UPLOAD_SIZE = env_int("WAGTAILDOCS_MAX_UPLOAD_SIZE", 20 * 1024 * 1024)
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True

# Retention (privacy/purge.py and letters/personal_data.py: `manage.py purge_personal_data`, daily).
LETTER_BODY_RETENTION_DAYS = env_int("LETTER_BODY_RETENTION_DAYS", 30)
UNCONFIRMED_LETTER_RETENTION_DAYS = env_int("UNCONFIRMED_LETTER_RETENTION_DAYS", 7)
IDENTITY_RETENTION_DAYS = env_int("IDENTITY_RETENTION_DAYS", 365)
# django-axes' records of admin sign-ins (IP addresses, user agents): kept this long.
ADMIN_ACCESS_LOG_RETENTION_DAYS = env_int("ADMIN_ACCESS_LOG_RETENTION_DAYS", 30)
# The email service's raw webhook events name recipients: kept this long for diagnosis.
WEBHOOK_PAYLOAD_RETENTION_DAYS = env_int("WEBHOOK_PAYLOAD_RETENTION_DAYS", 30)
# Campaign-update emails (CASL) also give the organisation's postal address.
CAMPAIGN_POSTAL_ADDRESS = env_str("CAMPAIGN_POSTAL_ADDRESS", "")

# The reply loop (docs/replies.md): "did your MP reply?" REPLY_FOLLOW_UP_DAYS after a letter is
# sent (and once more that long after "no reply yet"); an MP's reply figures are public once
# REPLY_MIN_ANSWERS supporters have answered. `manage.py send_reply_follow_ups` (daily) asks.
REPLY_FOLLOW_UP_DAYS = env_int("REPLY_FOLLOW_UP_DAYS", 14)
REPLY_MIN_ANSWERS = env_int("REPLY_MIN_ANSWERS", 5)
# core.clock: only the test settings set it (a file holding seconds to add to "now").
CLOCK_OFFSET_FILE = None
