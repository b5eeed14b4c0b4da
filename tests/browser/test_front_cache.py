"""Varnish (Debian's, with deploy/varnish/letusbelong.vcl) in front of the live site: an
organizer publishes a page in the admin, through Varnish as in production, and visitors get
the new page from Varnish within a second."""

import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from campaign.models import StandardPage
from tests.support.frontcache import get

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
PASSWORD = "a-long-editor-password-1234"


@pytest.fixture
def editor(db, settings):
    """A member of Editors. Two-factor sign-in is tested in tests/accounts; this test is about
    what happens after a signed-in organizer presses Publish."""
    settings.ADMIN_REQUIRE_2FA = False
    user = get_user_model().objects.create_user(
        username="editor", email="editor@example.org", password=PASSWORD
    )
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def anonymous(varnish, path):
    status, headers, body = get(varnish.url + path)
    assert status == 200, (path, status)
    return headers["X-Cache"], body


def test_a_page_published_in_the_admin_is_fresh_through_varnish_within_a_second(
    browser, campaign_site, varnish_front, editor
):
    page = StandardPage.objects.live().filter(locale__language_code="en").first()
    path = page.get_url()
    assert anonymous(varnish_front, path)[0] == "MISS"
    cached, before = anonymous(varnish_front, path)
    assert cached == "HIT" and page.title in before

    context = browser.new_context(base_url=varnish_front.url)
    admin = context.new_page()
    admin.goto("/admin/login/")
    admin.fill("#id_username", "editor")
    admin.fill("#id_password", PASSWORD)
    admin.get_by_role("button", name="Sign in").click()
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
