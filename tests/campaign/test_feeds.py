"""Atom feeds and the sitemap, on the site built by load_campaign_content."""

import xml.etree.ElementTree as ET

import pytest

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ru"])
def test_news_feed_is_valid_atom_in_each_language(client, site_content, language):
    response = client.get(f"/{language}/news/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == language
    links = [entry.find(f"{ATOM}link").get("href") for entry in feed.iter(f"{ATOM}entry")]
    assert len(links) == 2
    assert all(f"/{language}/news/" in link for link in links)


@pytest.mark.django_db
def test_sitemap_is_valid_xml_with_both_languages_and_hreflang_alternates(client, site_content):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    urlset = ET.fromstring(response.content)
    urls = urlset.findall(f"{SITEMAP}url")
    locations = [url.find(f"{SITEMAP}loc").text for url in urls]
    assert any("/en/faq/" in loc for loc in locations)
    assert any("/ru/faq/" in loc for loc in locations)
    for url in urls:
        alternates = {
            link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")
        }
        assert set(alternates) == {"en", "ru"}
        assert url.find(f"{SITEMAP}loc").text in alternates.values()
