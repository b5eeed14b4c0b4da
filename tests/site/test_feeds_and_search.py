"""Atom feeds, the sitemap, and search (current language only, robust to odd queries)."""

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


def result_links(html):
    start = html.find('<ol class="search-results"')
    if start < 0:
        return []
    section = html[start : html.find("</ol>", start)]
    return [part.split('"')[0] for part in section.split('href="')[1:]]


@pytest.mark.django_db
def test_search_stays_within_the_current_language(client, site_content):
    # "Let Us Belong" appears in both languages' pages.
    for language in ["en", "ru"]:
        links = result_links(client.get(f"/{language}/search/?q=Belong").content.decode())
        assert links, language
        assert all(link.startswith(f"/{language}/") for link in links), links
    russian = result_links(client.get("/ru/search/?q=депутат").content.decode())
    assert russian and all(link.startswith("/ru/") for link in russian)
    english_for_russian_word = result_links(client.get("/en/search/?q=депутат").content.decode())
    assert english_for_russian_word == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "",
        " ",
        "x" * 2000,
        "Canada " * 300,
        "%",
        "'",
        '"',
        "\\",
        "<script>alert(1)</script>",
        "a & b | !c :* (",
        "Дискриминация 差别 ✓ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ﷽ \u200b",
    ],
)
def test_search_answers_200_to_any_query(client, site_content, query):
    for language in ["en", "ru"]:
        response = client.get(f"/{language}/search/", {"q": query})
        assert response.status_code == 200
        assert "<script>alert(1)</script>" not in response.content.decode()


@pytest.mark.django_db
def test_search_paginates_and_survives_bad_page_numbers(client, site_content):
    for page_number in ["1", "2", "999", "abc", "-1"]:
        response = client.get("/en/search/", {"q": "Canada", "page": page_number})
        assert response.status_code == 200
