"""The finish of every public page: a title that names the brand once, the site's icon (also at
/favicon.ico), a default share image per language, the home page's demands with their titles
apart from their sentences, and a Permissions-Policy of features browsers know."""

import html
import re

import pytest
from django.contrib.staticfiles import finders

from letusbelong.security import PERMISSIONS_POLICY

pytestmark = pytest.mark.django_db

BRAND = "Let Us Belong"
# Names Chromium does not recognise in a Permissions-Policy: each logs "Unrecognized feature" on
# every page (the first four did once), and the ad-API names are unknown to Firefox.
UNKNOWN_FEATURES = {
    "ambient-light-sensor",
    "battery",
    "bluetooth",
    "document-domain",
    "interest-cohort",
    "browsing-topics",
}


def title_of(response):
    assert response.status_code == 200
    return html.unescape(re.search(r"<title>(.*?)</title>", response.content.decode(), re.S)[1])


@pytest.mark.parametrize("language", ["en", "ru"])
def test_titles_name_the_brand_once(client, site_content, language):
    home = title_of(client.get(f"/{language}/"))
    assert home.count(BRAND) == 1, home
    faq = title_of(client.get(f"/{language}/faq/"))
    assert faq.endswith(f" · {BRAND}") and faq.count(BRAND) == 1, faq


def test_the_brand_filter_keeps_a_title_that_names_it_and_escapes():
    from campaign.templatetags.campaign_tags import branded

    assert branded("Let Us Belong: End Immigration Discrimination", BRAND).count(BRAND) == 1
    assert branded("FAQ", BRAND) == f"FAQ · {BRAND}"
    assert branded("  ", BRAND) == BRAND
    assert branded("<b>Q&A</b>", BRAND) == f"&lt;b&gt;Q&amp;A&lt;/b&gt; · {BRAND}"


@pytest.mark.parametrize("language", ["en", "ru"])
def test_every_page_has_the_icon_and_a_default_share_image(client, site_content, language):
    content = client.get(f"/{language}/faq/").content.decode()
    assert 'rel="icon" href="/favicon.ico"' in content
    assert re.search(r'rel="icon" href="/static/img/favicon\.svg" type="image/svg\+xml"', content)
    image = re.search(r'<meta property="og:image" content="([^"]+)">', content)[1]
    assert image.endswith(f"/static/img/og-{language}.png")
    path = finders.find(f"img/og-{language}.png")
    with open(path, "rb") as png:
        data = png.read()
    assert data.startswith(b"\x89PNG") and len(data) < 20_000  # a few KB
    assert finders.find(f"img/og-{language}.svg"), "the SVG source is kept beside it"


def test_favicon_ico_is_served_at_the_root(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert body[:4] == b"\x00\x00\x01\x00"  # an ICO file
    assert "icon" in response["Content-Type"]


@pytest.mark.parametrize("language", ["en", "ru"])
def test_home_demands_set_their_titles_apart(client, site_content, language):
    content = client.get(f"/{language}/").content.decode()
    summaries = re.search(r'<ol class="demand-summaries">(.*?)</ol>', content, re.S)[1]
    items = re.findall(r"<li>(.*?)</li>", summaries, re.S)
    assert items
    for item in items:
        assert re.search(r"</strong></a>\s*<p class=\"demand-summaries__text\">\S", item), item


def test_permissions_policy_names_only_features_browsers_know(client, site_content):
    served = client.get("/en/")["Permissions-Policy"]
    assert served == PERMISSIONS_POLICY
    parts = [part.strip() for part in served.split(",")]
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*=\(\)", part) for part in parts), parts
    features = {part.split("=")[0] for part in parts}
    assert len(features) == len(parts), parts
    assert not features & UNKNOWN_FEATURES, features & UNKNOWN_FEATURES
    assert {"camera", "microphone", "geolocation", "payment", "usb"} <= features
