"""CAMPAIGN_ORGANISATION is the one source of the organisation's name: the site's header and
titles, the consent wording, the From and footer of every email, the 500 page, the two-factor
page and the authenticator app's label all follow it."""

import html
import json
import os
import re
import subprocess
import sys
from email.header import decode_header, make_header
from email.utils import parseaddr
from urllib.parse import quote

import pytest
from django.conf import settings as django_settings
from django.utils import translation
from wagtail.models import Locale

from campaign.feeds import NewsFeed
from campaign.models import NewsIndexPage
from letters import pipeline
from letusbelong import urls
from tests.factories import SuperuserFactory
from tests.support.letters import write_url

pytestmark = pytest.mark.django_db
NAME = "Friends of Newcomers"


@pytest.fixture
def organisation(settings):
    settings.CAMPAIGN_ORGANISATION = NAME
    return NAME


def text_of(pattern, content):
    return html.unescape(re.search(pattern, content, re.S).group(1))


@pytest.mark.parametrize("language", ["en", "ru"])
def test_pages_and_the_consent_name_the_organisation(client, letter_site, organisation, language):
    content = client.get(write_url(language)).content.decode()
    assert text_of(r'<a class="site-name"[^>]*>(.*?)</a>', content) == NAME
    assert text_of(r"<title>(.*?)</title>", content).endswith(f" · {NAME}")
    assert text_of(r'<meta property="og:site_name" content="([^"]*)"', content) == NAME
    opt_in = text_of(r'<label for="id_consent_updates">(.*?)</label>', content)
    assert NAME in opt_in and "Let Us Belong" not in opt_in


def test_the_letter_and_the_supporters_emails_name_the_organisation(
    make_letter, organisation, mailoutbox
):
    letter = make_letter()
    pipeline.send_confirmation_email.call(letter.pk)
    pipeline.confirm_letter(letter)
    pipeline.send_letter.call(letter.pk)
    confirmation, to_mp = mailoutbox[0], mailoutbox[1]
    assert f"wrote a letter on {NAME}." in confirmation.body
    assert parseaddr(to_mp.to[0])[1] == "mp35075@parl.gc.ca"
    assert parseaddr(to_mp.from_email)[0] == f"Ada Lovelace via {NAME}"
    assert f"sent through {NAME} (" in to_mp.body
    assert "Let Us Belong" not in to_mp.body + to_mp.from_email


@pytest.mark.parametrize(
    ("language", "words"),
    [("en", "enter the 6-digit code for"), ("ru", "введите 6-значный код для")],
)
def test_the_two_factor_page_names_the_app_entry(client, organisation, language, words):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    organizer = SuperuserFactory()
    TOTPDevice.objects.create(user=organizer, name="phone", confirmed=True)
    client.force_login(organizer)  # the password step is done: the code is asked for next
    page = client.get("/admin/2fa/verify/", HTTP_ACCEPT_LANGUAGE=language)
    assert page.status_code == 200
    assert f"{words} {NAME}." in html.unescape(page.content.decode())


def test_the_news_feed_names_the_organisation(organisation):
    index = NewsIndexPage(title="News", search_description="", locale=Locale.get_default())
    feed = NewsFeed(index)
    with translation.override("en"):
        assert feed.title(index) == f"News · {NAME}"
        assert feed.subtitle(index) == f"News from the {NAME} campaign"
    with translation.override("ru"):
        assert feed.subtitle(index) == f"Новости кампании {NAME}"


def test_the_500_page_names_the_organisation(rf, organisation):
    response = urls.handler500(rf.get("/en/"))
    assert response.status_code == 500
    content = response.content.decode()
    assert f"<title>Server error · {NAME}</title>" in content
    assert f'<a href="/">{NAME}</a>' in content and "Let Us Belong" not in content


def test_the_settings_derived_from_it_follow_the_environment():
    """Set once in the environment, the name reaches Wagtail's site name, the From of the
    site's own emails and the authenticator app's label (OTP_TOTP_ISSUER)."""
    name = "Друзья новоприбывших: Canada"
    script = (
        "import json, django; django.setup()\n"
        "from django.conf import settings\n"
        "from django.contrib.auth.models import User\n"
        "from django_otp.plugins.otp_totp.models import TOTPDevice\n"
        "device = TOTPDevice(user=User(username='organizer'), name='phone')\n"
        "print(json.dumps({'site': settings.WAGTAIL_SITE_NAME, "
        "'from': settings.DEFAULT_FROM_EMAIL, 'url': device.config_url}))\n"
    )
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "letusbelong.settings.test",
        "CAMPAIGN_ORGANISATION": name,
        "CAMPAIGN_CONTACT_EMAIL": "team@example.org",
    }
    env.pop("DEFAULT_FROM_EMAIL", None)
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    derived = json.loads(result.stdout.strip().splitlines()[-1])
    assert derived["site"] == name
    display, address = parseaddr(derived["from"])
    assert (str(make_header(decode_header(display))), address) == (name, "team@example.org")
    issuer = quote(name.replace(":", ""))
    assert derived["url"].startswith(f"otpauth://totp/{issuer}%3Aorganizer?")
    assert derived["url"].endswith(f"&issuer={issuer}")
