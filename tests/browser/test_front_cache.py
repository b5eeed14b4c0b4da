"""Varnish (Debian's, with deploy/varnish/letusbelong.vcl) in front of the live site: an
organizer publishes a page in the admin, through Varnish as in production, and visitors get
the new page from Varnish within a second."""

import time

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from campaign.models import StandardPage
from tests.factories import EditorFactory
from tests.support.loopback import http_get

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
PASSWORD = "a long organizer password 1234"


@pytest.fixture
def organizer(db):
    """A member of Editors with an authenticator app (TOTP)."""
    user = EditorFactory(username="organizer", password=PASSWORD)
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    return user, device


def current_code(device):
    """What the organizer's authenticator app shows now."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def anonymous(varnish, path):
    status, headers, body = http_get(varnish.url + path)
    assert status == 200, (path, status)
    return headers["X-Cache"], body


def test_a_page_published_in_the_admin_is_fresh_through_varnish_within_a_second(
    browser, campaign_site, varnish_front, organizer
):
    user, device = organizer
    page = StandardPage.objects.live().filter(locale__language_code="en").first()
    path = page.get_url()
    assert anonymous(varnish_front, path)[0] == "MISS"
    cached, before = anonymous(varnish_front, path)
    assert cached == "HIT" and page.title in before

    context = browser.new_context(base_url=varnish_front.url)
    admin = context.new_page()
    admin.goto("/admin/login/")
    admin.fill("#id_username", user.username)
    admin.fill("#id_password", PASSWORD)
    admin.get_by_role("button", name="Sign in").click()
    admin.wait_for_url("**/admin/2fa/**")
    admin.fill("input[name=token]", current_code(device))
    admin.get_by_role("button", name="Verify").click()
    admin.wait_for_url("**/admin/")
    admin.goto(f"/admin/pages/{page.pk}/edit/")
    new_title = f"{page.title}: updated {time.time_ns()}"
    admin.fill("#id_title", new_title)
    admin.get_by_role("button", name="More actions").click()
    with admin.expect_navigation():
        admin.get_by_role("button", name="Publish").click()
    published = time.monotonic()
    assert "has been published" in admin.content()
    context.close()

    seen = []
    while time.monotonic() - published < 1.0:
        verdict, body = anonymous(varnish_front, path)
        seen.append(verdict)
        if new_title in body:
            break
        time.sleep(0.05)
    else:
        pytest.fail(f"still the old page through Varnish after 1 s ({seen})")
    fresh_after = time.monotonic() - published
    assert fresh_after < 1.0
    verdict, body = anonymous(varnish_front, path)
    assert verdict == "HIT" and new_title in body  # and Varnish keeps the new one
