"""Signing people into the Wagtail admin in the browser, as themselves: a real user in a real
group (Editors, Translators, Data stewards), with their admin language, through the login form.

Two-factor sign-in has its own tests (tests/accounts); here it is off so the tests are about
what each group can do once signed in."""

import pytest
from wagtail.users.models import UserProfile

from tests.factories import SuperuserFactory, UserFactory

from .helpers import Visit

PASSWORD = "a-long-enough-test-password-7"


def make_admin_user(username, group_name=None, *, language="en", superuser=False):
    """A user in `group_name` whose admin speaks `language`."""
    factory = SuperuserFactory if superuser else UserFactory
    groups = (group_name,) if group_name else ()
    user = factory(username=username, password=PASSWORD, groups=groups)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


class AdminVisit(Visit):
    """A browser context signed into the admin as one user."""

    # Wagtail's own admin scripts may warn (deprecations, its bundles): only errors fail here.
    CONSOLE_LEVELS = ("error",)

    def sign_in(self, user):
        self.goto("/admin/login/")
        self.page.fill("input[name=username]", user.username)
        self.page.fill("input[name=password]", PASSWORD)
        self.page.locator("form button[type=submit]").first.click()
        self.page.wait_for_url("**/admin/")
        return self

    def wait_for_admin_message(self):
        return self.page.locator(".messages li").first.inner_text()


@pytest.fixture
def admin_visit(browser, campaign_site, settings):
    """Open an admin session: admin_visit(user) → AdminVisit signed in as `user`."""
    settings.ADMIN_REQUIRE_2FA = False
    visits = []

    def open_session(user, *, javascript=True):
        context = browser.new_context(java_script_enabled=javascript, locale="en-CA")
        made = AdminVisit(context, campaign_site, javascript=javascript)
        visits.append(made)
        return made.sign_in(user)

    yield open_session
    for made in visits:
        made.close()
