"""TRUST 1-3: `check --deploy` is clean on the production settings, and the pages carry every
security header when served as in production (HTTPS behind the proxy)."""

import json
import os
import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.test import override_settings
from wagtail.documents.models import Document

from tests.support.letters import write_url

pytestmark = pytest.mark.django_db
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "letusbelong.settings.production",
    "SECRET_KEY": "k" * 20 + "-production-like-secret-0123456789-abcdefghijklmnop",
    "ALLOWED_HOSTS": "letusbelong.example",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/unused",
    "TRUSTED_PROXIES": "10.0.0.1",
}
PRODUCTION_SETTINGS = [
    "DEBUG",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "SECURE_CSP",
    "X_FRAME_OPTIONS",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_SAMESITE",
    "TRUSTED_PROXY_COUNT",
    "TRUSTED_PROXIES",
    "ADMIN_REQUIRE_2FA",
    "AXES_ENABLED",
    "MIDDLEWARE",
]


def run_production(*args, **overrides):
    env = {**os.environ, **PRODUCTION_ENV, **overrides}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the test process only
    return subprocess.run(
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def production():
    """The production settings' values, read in a separate process."""
    script = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n, None) for n in {PRODUCTION_SETTINGS!r}}}, "
        "default=str))"
    )
    result = run_production("-c", script)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.slow
def test_deploy_check_passes_on_production_settings():
    result = run_production("manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_is_hardened(production):
    assert production["DEBUG"] is False
    assert production["SECURE_HSTS_SECONDS"] >= 31_536_000
    assert production["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert production["SECURE_SSL_REDIRECT"] is True
    assert production["SESSION_COOKIE_SECURE"] and production["CSRF_COOKIE_SECURE"]
    assert production["TRUSTED_PROXY_COUNT"] >= 1
    assert production["ADMIN_REQUIRE_2FA"] is True
    assert production["AXES_ENABLED"] in (True, None)  # None: axes' default, which is on
    assert "axes.middleware.AxesMiddleware" in production["MIDDLEWARE"]


@pytest.fixture
def as_production(production):
    values = {name: production[name] for name in PRODUCTION_SETTINGS if name != "AXES_ENABLED"}
    values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    values["ALLOWED_HOSTS"] = ["letusbelong.example"]
    with override_settings(**values):
        yield


def https_get(client, path, **extra):
    return client.get(
        path,
        secure=True,
        HTTP_HOST="letusbelong.example",
        HTTP_X_FORWARDED_PROTO="https",
        HTTP_X_FORWARDED_FOR="203.0.113.9",
        **extra,
    )


def directives(policy):
    parsed = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            parsed[words[0]] = words[1:]
    return parsed


def assert_public_headers(response):
    policy = directives(response["Content-Security-Policy"])
    assert policy["default-src"] in (["'self'"], ["'none'"])
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    script_src = policy.get("script-src", policy["default-src"])
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] in (
        "strict-origin-when-cross-origin",
        "strict-origin",
        "same-origin",
        "no-referrer",
    )
    permissions = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation"):
        assert f"{feature}=()" in permissions
    assert_hsts(response)
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def assert_hsts(response):
    hsts = response["Strict-Transport-Security"]
    assert int(re.search(r"max-age=(\d+)", hsts).group(1)) >= 31_536_000
    assert "includeSubDomains" in hsts


def test_home_and_letter_pages_carry_every_header(client, letter_site, as_production):
    for path in ["/en/", "/ru/", "/en/write-to-your-mp/", "/ru/write-to-your-mp/"]:
        response = https_get(client, path)
        assert response.status_code == 200, path
        assert_public_headers(response)
        # Served twice: the second may come from the page cache and must keep its headers.
        assert_public_headers(https_get(client, path))
    # A letter step: never stored by a browser or proxy.
    response = https_get(client, write_url("en"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert_public_headers(response)


def test_hsts_on_404_429_and_admin(client, as_production, rf):
    assert_hsts(https_get(client, "/en/no-such-page/"))
    assert https_get(client, "/en/no-such-page/").status_code == 404
    login = https_get(client, "/admin/login/")
    assert login.status_code == 200
    assert_hsts(login)
    assert "frame-ancestors 'none'" in login["Content-Security-Policy"]
    assert login["Permissions-Policy"]

    from letters.screening import too_many_requests
    from letusbelong.security import SecurityHeadersMiddleware

    def limited(request):
        request.LANGUAGE_CODE = "en"
        return too_many_requests(request)

    from django.middleware.security import SecurityMiddleware

    request = rf.get(
        "/en/write-to-your-mp/",
        secure=True,
        HTTP_HOST="letusbelong.example",
        HTTP_X_FORWARDED_PROTO="https",
    )
    response = SecurityMiddleware(SecurityHeadersMiddleware(limited))(request)
    assert response.status_code == 429
    assert_hsts(response)


def test_plain_http_is_redirected_to_https_on_the_same_host(client, as_production):
    response = client.get("/en/", HTTP_HOST="letusbelong.example", HTTP_X_FORWARDED_PROTO="http")
    assert response.status_code == 301
    assert response["Location"] == "https://letusbelong.example/en/"


def test_documents_and_reports_are_not_public_scripts(client, as_production, settings, tmp_path):
    """Under the production settings, an uploaded HTML document downloads as an attachment that
    can run nothing, and the CSP report endpoint serves nothing a page could load."""
    settings.MEDIA_ROOT = str(tmp_path)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    document = Document(title="page")
    document.file.save("page.html", ContentFile(b"<script>alert(1)</script>"), save=False)
    document.save()
    response = https_get(client, document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert_hsts(response)

    assert https_get(client, "/csp-report/").status_code == 405
    report = json.dumps({"csp-report": {"violated-directive": "img-src", "blocked-uri": "data"}})
    posted = client.post(
        "/csp-report/",
        report,
        content_type="application/csp-report",
        secure=True,
        HTTP_HOST="letusbelong.example",
        HTTP_X_FORWARDED_PROTO="https",
    )
    assert posted.status_code == 204 and posted.content == b""
    assert posted["X-Content-Type-Options"] == "nosniff"
