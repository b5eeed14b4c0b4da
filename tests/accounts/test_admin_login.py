"""TRUST 4, 5, 7, 8: admin sign-in with django-axes, TOTP two-factor, cookies and admin CSP."""

import json
import logging
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from axes.utils import reset
from django.db.models import F
from django.test import override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import Page, Site

from tests.factories import StandardPageFactory, SuperuserFactory
from tests.support.accounts import verified_login

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple 42"
LOGIN = "/admin/login/"


@pytest.fixture
def staff(db):
    return SuperuserFactory(username="organizer", password=PASSWORD)


def code_for(device):
    """The code an authenticator app shows right now for `device`."""
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{code:06d}"


def sign_in(client, username="organizer", password=PASSWORD, **extra):
    return client.post(LOGIN, {"username": username, "password": password}, **extra)


# --- two-factor (TRUST 8) ----------------------------------------------------------------------


ADMIN_VIEWS = [
    "/admin/",
    "/admin/pages/",
    "/admin/users/",
    "/admin/documents/",
    "/admin/supporter-data/",
    "/admin/letters/",
    "/admin/letters-held/",
    "/admin/settings/",
]


@pytest.mark.parametrize("path", ADMIN_VIEWS)
def test_password_alone_reaches_no_admin_view(client, staff, path):
    response = sign_in(client)
    assert response.status_code == 302
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/2fa/enrol/")


@pytest.mark.parametrize("path", ["/admin/jsi18n/", "/admin/sprite/"])
def test_the_two_factor_pages_can_load_their_scripts_and_icons(client, staff, path):
    sign_in(client)
    response = client.get(path)
    assert response.status_code == 200
    assert "html" not in response["Content-Type"]


def test_enrolment_shows_an_inline_qr_code_and_a_correct_code_opens_the_admin(client, staff):
    sign_in(client)
    page = client.get("/admin/2fa/enrol/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html and "<img" not in html.split("<main", 1)[1].split("</main>")[0]
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    wrong = client.post(
        "/admin/2fa/enrol/", {"token": "000000" if code_for(device) != "000000" else "111111"}
    )
    assert wrong.status_code == 400
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    response = client.post("/admin/2fa/enrol/", {"token": code_for(device)})
    assert response.status_code == 302
    assert client.get("/admin/pages/").status_code == 200


def test_a_second_device_cannot_be_enrolled_with_the_password_alone(client, staff):
    TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    sign_in(client)
    response = client.get("/admin/2fa/enrol/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/2fa/verify/")
    assert client.get("/admin/").status_code == 302


def test_a_used_code_is_rejected_the_second_time(client, staff):
    device = TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    code = code_for(device)
    sign_in(client)
    assert client.post("/admin/2fa/verify/", {"token": code}).status_code == 302
    assert client.get("/admin/").status_code == 200

    other = client.__class__()
    sign_in(other)
    replay = other.post("/admin/2fa/verify/", {"token": code})
    assert replay.status_code == 400
    assert other.get("/admin/").status_code == 302


@override_settings(ADMIN_REQUIRE_2FA=False)
def test_without_the_setting_a_password_is_enough(client, staff):
    sign_in(client)
    assert client.get("/admin/").status_code == 200


# --- the admin still works: sign in, verify, edit a page ---------------------------------------


def test_an_organizer_can_sign_in_verify_and_edit_a_page(client, staff):
    device = TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    root = Page.get_first_root_node()
    page = root.get_children().first().specific
    sign_in(client)
    client.post("/admin/2fa/verify/", {"token": code_for(device)})
    edit_url = f"/admin/pages/{page.pk}/edit/"
    response = client.get(edit_url)
    assert response.status_code == 200
    data = {"slug": page.slug, "seo_title": "", "search_description": ""}
    data["title"] = "Edited by the organizer"
    data["slug"] = page.slug
    response = client.post(edit_url, data)
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.get_latest_revision().content["title"] == "Edited by the organizer"


# --- brute force (TRUST 7) ---------------------------------------------------------------------


@override_settings(AXES_ENABLED=True, TRUSTED_PROXY_COUNT=1, TRUSTED_PROXIES=["10.0.0.1"])
def test_five_failures_lock_the_user_from_that_ip_only(client, staff, caplog):
    reset()
    from_a = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.1"}
    with caplog.at_level(logging.WARNING):
        statuses = []
        for n in range(5):
            # The attacker forges a new left-most address each time: the key does not change.
            forged = {**from_a, "HTTP_X_FORWARDED_FOR": f"198.51.100.{n}, 203.0.113.1"}
            statuses.append(sign_in(client, password="wrong", **forged).status_code)
        locked = sign_in(client, **from_a)
    assert statuses == [200, 200, 200, 200, 429]
    assert locked.status_code == 429  # even the right password, from that address
    assert any("lock" in record.getMessage().lower() for record in caplog.records)

    from_b = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.2"}
    assert sign_in(client.__class__(), **from_b).status_code == 302


@override_settings(AXES_ENABLED=True)
def test_rotating_ipv6_addresses_within_one_64_are_locked_out(client, staff):
    """Issue 12, hole 5: 16 wrong passwords from 4 addresses of one /64 locked nothing."""
    reset()
    statuses = [
        sign_in(client.__class__(), password="wrong", REMOTE_ADDR=f"2001:db8:1::{n % 4 + 1}")
        for n in range(5)
    ]
    assert [response.status_code for response in statuses] == [200, 200, 200, 200, 429]
    assert sign_in(client.__class__(), REMOTE_ADDR="2001:db8:1::beef").status_code == 429
    # Another /64 (another subscriber) is not locked out.
    assert sign_in(client.__class__(), REMOTE_ADDR="2001:db8:2::1").status_code == 302


@override_settings(AXES_ENABLED=True)
def test_the_lock_lasts_thirty_minutes(client, staff):
    reset()
    address = {"REMOTE_ADDR": "203.0.113.7"}
    for _ in range(5):
        sign_in(client, password="wrong", **address)
    assert sign_in(client, **address).status_code == 429  # locked, even the right password

    def minutes_pass(minutes):
        AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=minutes))

    minutes_pass(29)
    # 29 minutes on: still locked. (Like every attempt during a lockout, this one starts the
    # 30 minutes again: AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT, axes' default.)
    assert sign_in(client, **address).status_code == 429
    minutes_pass(31)
    response = sign_in(client, **address)  # 31 minutes on: the right password works again
    assert response.status_code == 302 and response["Location"].startswith("/admin/")


# --- cookies and session (TRUST 5) -------------------------------------------------------------


@override_settings(SESSION_COOKIE_SECURE=True, CSRF_COOKIE_SECURE=True)
def test_cookies_are_secure_and_the_session_rotates_on_login(client, staff):
    page = client.get(LOGIN, secure=True)
    csrf = page.cookies["csrftoken"]
    assert csrf["secure"] and csrf["samesite"] == "Lax"
    client.cookies["sessionid"] = "planted-session-id"
    response = sign_in(client, secure=True)
    session = response.cookies["sessionid"]
    assert session.value != "planted-session-id"
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"
    old = session.value
    verified_login(client, staff)
    client.post("/admin/logout/", secure=True)
    replay = client.__class__()
    replay.cookies["sessionid"] = old
    response = replay.get("/admin/", secure=True)
    assert response.status_code == 302 and LOGIN in response["Location"]


# --- admin CSP and caching (TRUST 4, 11) -------------------------------------------------------


def test_login_page_has_a_strict_csp(client):
    response = client.get(LOGIN)
    policy = response["Content-Security-Policy"]
    script_src = next(p for p in policy.split(";") if p.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert response["Cache-Control"] == "no-store"
    # WSGI servers accept only plain str header names (not Django's CSP enum).
    assert all(type(name) is str for name, _value in response.items())


def test_other_admin_pages_forbid_framing_and_report_a_strict_policy(admin_client):
    response = admin_client.get("/admin/pages/")
    assert response.status_code == 200
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    report_only = response["Content-Security-Policy-Report-Only"]
    assert "script-src 'self'" in report_only and "report-uri /csp-report/" in report_only
    assert response["Cache-Control"] == "no-store"
    assert all(type(name) is str for name, _value in response.items())


def test_csp_reports_cannot_flood_the_logs(client, caplog):
    report = json.dumps({"csp-report": {"violated-directive": "img-src", "blocked-uri": "data"}})
    with caplog.at_level(logging.WARNING, logger="letusbelong.security"):
        for _ in range(40):
            response = client.post("/csp-report/", report, content_type="application/csp-report")
            assert response.status_code == 204
    assert caplog.text.count("csp.violation") == 30


def test_wagtails_preview_can_be_framed_by_the_admin_only(admin_client):
    """The editor's preview panel frames Wagtail's real preview view: that view, and only that
    one, may be framed by the admin's own origin; the editor around it may not be framed."""
    home = Site.objects.get(is_default_site=True).root_page
    page = StandardPageFactory(parent=home, title="Before", slug="framed", publish=True)
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])

    editor = admin_client.get(edit_url)
    assert editor.status_code == 200
    assert "frame-ancestors 'none'" in editor["Content-Security-Policy"]

    form = {"title": "Previewed, not published", "slug": "framed", "intro": "Draft words."}
    form |= {"body-count": "0", "seo_title": "", "search_description": ""}
    stored = admin_client.post(preview_url, form)
    assert stored.json() == {"is_valid": True, "is_available": True}
    preview = admin_client.get(preview_url, {"mode": "", "in_preview_panel": "true"})
    assert preview.status_code == 200
    assert "Previewed, not published" in preview.content.decode()
    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    policy = preview["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in policy and "frame-ancestors 'none'" not in policy
    page.refresh_from_db()
    assert page.title == "Before"  # a preview publishes nothing


def test_a_lost_phone_is_reset_by_command(client, staff):
    import io

    from django.core.management import call_command

    TOTPDevice.objects.create(user=staff, name="lost phone", confirmed=True)
    call_command("reset_two_factor", "organizer", stdout=io.StringIO())
    assert not TOTPDevice.objects.filter(user=staff).exists()
    sign_in(client)
    assert client.get("/admin/")["Location"].startswith("/admin/2fa/enrol/")
